/**
 * The one masking step for NoEcho values. A secret reaches text in more forms than the one the user typed: quoted
 * and escaped by JSON.stringify (`"Hunter2\"Pa\\ss"`), escaped twice when a JSON document is itself quoted,
 * quoted by YAML (`'it''s'`), URL-encoded in an ARN or URL. Every form of every secret is replaced by `****`
 * before a value is formatted: in diagnostic messages and pointers, in outputs, and in what the simulate
 * command prints (its JSON and text views, and handler logs).
 */
import type { Diagnostic } from '../../../src/kernel/diagnostics';
import type { JsonValue } from '../../../src/kernel/protocol';
import type { SecretMasking } from '../template/types';
import { emptyObject, setKey } from './values';

/** What is shown instead of a NoEcho parameter's value. */
export const MASK = '****';

/**
 * Forms shorter than this are masked only where they stand alone (a whole value, or a quoted string), so that a
 * one-letter secret does not garble every message.
 */
const MIN_EMBEDDED_LENGTH = 4;

/** Masks every written form of a set of secrets. */
export class SecretMask implements SecretMasking {
  /** A mask with no secrets: every text and value comes back unchanged. */
  static readonly NONE = new SecretMask([]);

  /** The forms to replace inside longer text, longest first so that a form is never cut by a shorter one. */
  private readonly embedded: readonly string[];
  /** Every form, for values that are exactly a secret. */
  private readonly whole: ReadonlySet<string>;

  private readonly secrets: readonly string[];

  constructor(secrets: Iterable<string>) {
    this.secrets = [...secrets];
    const embedded = new Set<string>();
    const whole = new Set<string>();
    for (const secret of this.secrets) {
      if (secret === '') continue;
      for (const form of writtenForms(secret)) {
        whole.add(form);
        if (form.length >= MIN_EMBEDDED_LENGTH) embedded.add(form);
      }
      // A short secret is still masked where it is quoted as a whole (a longer one keeps its quotes: `"****"`).
      if (secret.length < MIN_EMBEDDED_LENGTH) for (const quoted of [JSON.stringify(secret), `'${secret.replace(/'/g, "''")}'`]) embedded.add(quoted);
    }
    this.embedded = [...embedded].sort((a, b) => b.length - a.length);
    this.whole = whole;
  }

  /** A mask for the secrets of both (e.g. the deployed template's and the new one's). */
  with(other: SecretMasking): SecretMasking {
    if (!(other instanceof SecretMask) || other.whole.size === 0) return this;
    if (this.whole.size === 0) return other;
    return new SecretMask([...this.secrets, ...other.secrets]);
  }

  /** Serialising a resolved template must not serialise the secrets it masks. */
  toJSON(): string {
    return `${this.secrets.length} NoEcho value(s), masked`;
  }

  /** True when there is nothing to mask. */
  get empty(): boolean {
    return this.whole.size === 0;
  }

  /** Text with every form of every secret replaced. */
  text(text: string): string {
    if (this.whole.size === 0) return text;
    if (this.whole.has(text)) return MASK;
    let out = text;
    for (const form of this.embedded) if (out.includes(form)) out = out.split(form).join(MASK);
    return out;
  }

  /** A copy of JSON data with every string (keys included) masked; unchanged data is returned as it is. */
  value<T>(value: T): T {
    if (this.whole.size === 0) return value;
    return this.maskAny(value) as T;
  }

  /** A diagnostic whose message and pointer are masked. */
  diagnostic(diagnostic: Diagnostic): Diagnostic {
    if (this.whole.size === 0) return diagnostic;
    const message = this.text(diagnostic.message);
    const path = this.text(diagnostic.path);
    return message === diagnostic.message && path === diagnostic.path ? diagnostic : { ...diagnostic, message, path };
  }

  private maskAny(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const masked = this.maskAny(item);
        if (masked !== item) (copy ??= [...value])[i] = masked;
      });
      return copy ?? value;
    }
    if (value === null || typeof value !== 'object') return value;
    const source = value as Record<string, unknown>;
    let changed = false;
    const out = emptyObject();
    for (const key of Object.keys(source)) {
      const maskedKey = this.text(key);
      const masked = this.maskAny(source[key]);
      if (maskedKey !== key || masked !== source[key]) changed = true;
      setKey(out, maskedKey, masked as JsonValue);
    }
    if (!changed) return value;
    // Keep the prototype of what was masked (a class instance stays one only as plain data; results are plain data).
    return Object.getPrototypeOf(value) === null ? out : { ...out };
  }
}

/** The forms a secret takes in text the tools write: raw, JSON-escaped (once and twice), YAML-quoted, URL-encoded. */
function writtenForms(secret: string): Set<string> {
  const jsonOnce = JSON.stringify(secret).slice(1, -1);
  const jsonTwice = JSON.stringify(jsonOnce).slice(1, -1);
  const forms = new Set([secret, jsonOnce, jsonTwice, secret.replace(/'/g, "''")]);
  for (const encode of [encodeURIComponent, encodeURI]) {
    try {
      forms.add(encode(secret));
    } catch {
      // A lone surrogate cannot be URL-encoded; such a secret never appears URL-encoded either.
    }
  }
  return forms;
}

/**
 * Structured logs: one JSON object per line, so CloudWatch Logs Insights can query them. Every entry
 * passes through a redaction step, because a log line that leaks a session token is a security
 * incident: credential-shaped keys are replaced whatever the caller put in them.
 */
import type { LogEntry } from './options';

export type LogSink = (entry: LogEntry) => void;

export interface HandlerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEYS = /^(callerCredentials|providerCredentials|credentials|accessKeyId|secretAccessKey|sessionToken|authorization|password|secret)$/i;

/** The default sink: one JSON line on stdout; DEBUG only when LOG_LEVEL=DEBUG. */
export function writeJsonLine(entry: LogEntry): void {
  if (entry.level === 'DEBUG' && (process.env.LOG_LEVEL ?? '').toUpperCase() !== 'DEBUG') return;
  process.stdout.write(`${JSON.stringify(entry)}\n`);
}

/**
 * A logger over a sink; `base` fields (e.g. clientRequestToken) go into every entry. A failing sink never breaks
 * the handler. A `null` sink discards every entry before it is built.
 */
export function createLogger(sink: LogSink | null, base: Record<string, unknown> = {}): HandlerLogger {
  if (sink === null) return SILENT;
  const emit = (level: LogEntry['level'], message: string, fields?: Record<string, unknown>): void => {
    try {
      const rest = redact({ ...base, ...fields }) as Record<string, unknown>;
      delete rest.level;
      delete rest.message;
      sink({ level, message, ...rest });
    } catch {
      // Logging is best effort: the answer to CloudFormation matters more than the log line.
    }
  };
  return {
    debug: (m, f) => emit('DEBUG', m, f),
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARN', m, f),
    error: (m, f) => emit('ERROR', m, f),
  };
}

const ignore = (): void => undefined;
const SILENT: HandlerLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** A deep copy with the values of credential-shaped keys replaced by "[redacted]"; cycles are cut. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  if (value instanceof Error) return { name: value.name, message: value.message };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redact(item, seen);
  return out;
}

/**
 * Reads a JSON document for validation. A syntax error ends validation; a duplicate key does not:
 * the value is what cfn's Python json.load would see (the last one wins), and the duplicate is one more finding.
 */
import { lazyLocator, parseJson, SourceSyntaxError, stripBom, type SourcePosition } from '../kernel/source';

export type LocatedDocument =
  | { readonly kind: 'parsed'; readonly value: unknown; readonly locate: (pointer: string) => SourcePosition; readonly duplicate?: SourceSyntaxError }
  | { readonly kind: 'unreadable'; readonly error: SourceSyntaxError };

/** Parses `text`; never throws for bad input. */
export function readJsonDocument(text: string, file: string): LocatedDocument {
  try {
    const parsed = parseJson(text, file);
    return { kind: 'parsed', value: parsed.value, locate: parsed.locate };
  } catch (error) {
    if (!(error instanceof SourceSyntaxError)) throw error;
    if (error.code !== 'SRC_DUPLICATE_KEY') return { kind: 'unreadable', error };
    const body = stripBom(text);
    return { kind: 'parsed', value: JSON.parse(body) as unknown, locate: lazyLocator(body), duplicate: error };
  }
}

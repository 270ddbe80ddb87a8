/**
 * The cursor a preDelete count saves in callbackContext when it runs out of time, and reads back
 * on the next invocation. The service hands callbackContext back verbatim, but a hand-made or
 * corrupted one must give a clear InvalidRequest, not a wrong count.
 */
import type { JsonObject } from '../../kernel/protocol';
import { isJsonObject } from '../cfn-values';
import { InvalidRequestError } from '../errors';
import type { CountCursor } from '../inventory';

/** The cursor as JSON for callbackContext. */
export function cursorToJson(cursor: CountCursor): JsonObject {
  const json: JsonObject = { offset: cursor.offset, count: cursor.count };
  if (cursor.pageToken !== undefined) json.pageToken = cursor.pageToken;
  if (cursor.lastItem !== undefined) json.lastItem = cursor.lastItem;
  return json;
}

/** Reads a saved cursor; throws InvalidRequestError naming the field when it is not one. */
export function cursorFromJson(value: unknown, checkId: string): CountCursor {
  const where = `requestContext.callbackContext.${checkId}`;
  if (!isJsonObject(value)) throw new InvalidRequestError(where, `${where} is not an object; it must be the callbackContext this hook returned`);
  const { offset, count, pageToken, lastItem } = value;
  if (!isCount(offset) || !isCount(count)) {
    throw new InvalidRequestError(where, `${where} must hold whole numbers offset and count; it must be the callbackContext this hook returned`);
  }
  if ((pageToken !== undefined && typeof pageToken !== 'string') || (lastItem !== undefined && typeof lastItem !== 'string')) {
    throw new InvalidRequestError(where, `${where}.pageToken and .lastItem must be strings when present`);
  }
  return {
    offset,
    count,
    ...(typeof pageToken === 'string' ? { pageToken } : {}),
    ...(typeof lastItem === 'string' ? { lastItem } : {}),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * From the bytes of a file to the text of a template: strict UTF-8 (the service rejects anything else),
 * a byte-order mark dropped, and the size quota checked on the bytes as the service counts them.
 */
import { firstInvalidUtf8, positionAt, stripBom } from '../../../src/kernel/source';
import type { TemplateIssue } from './template-diagnostic';

/** The text of a template, or the issue that stops it from being one. */
export type DecodedText = { readonly text: string } | { readonly issue: TemplateIssue };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes strictly and checks the byte size against `maxBytes` (undefined: no limit). */
export function decodeTemplateText(content: string | Uint8Array, maxBytes: number | undefined): DecodedText {
  let text: string;
  let byteLength: number;
  if (typeof content === 'string') {
    text = content;
    byteLength = maxBytes === undefined || content.length * 3 <= maxBytes ? 0 : Buffer.byteLength(content, 'utf8');
  } else {
    byteLength = content.byteLength;
    try {
      text = strictUtf8.decode(content);
    } catch {
      const offset = firstInvalidUtf8(content);
      const prefix = Buffer.from(content.buffer, content.byteOffset, offset).toString('utf8');
      return {
        issue: {
          code: 'TPL_INVALID_UTF8',
          pointer: '',
          message: `the file is not valid UTF-8 (byte 0x${(content[offset] ?? 0).toString(16).padStart(2, '0')} at byte offset ${offset}); CloudFormation templates must be UTF-8 text`,
          position: positionAt(prefix, prefix.length),
        },
      };
    }
  }
  if (maxBytes !== undefined && byteLength > maxBytes) return { issue: tooLargeIssue(text, maxBytes, byteLength) };
  return { text: stripBom(text) };
}

/**
 * The service's size refusal, located at the character where the limit falls. `size` is the whole size when it
 * is known; a source read only up to the limit (a pipe) is "more than" the limit. `quota` false: the limit is
 * the simulator's own bound, which holds even with --no-limits.
 */
export function tooLargeIssue(text: string, maxBytes: number, size: number | undefined, quota = true): TemplateIssue {
  const actual = size === undefined ? `more than ${maxBytes}` : String(size);
  const message = quota
    ? `Template may not exceed ${maxBytes} bytes in size. (this template is ${actual} bytes; split it into nested stacks, or simulate it anyway with --no-limits)`
    : `the template is ${actual} bytes; even with --no-limits the simulator reads at most ${maxBytes} bytes`;
  return { code: 'TPL_TOO_LARGE', pointer: '', message, position: positionAt(text, characterOffsetOfByte(text, maxBytes)) };
}

/** Index in `text` of the character that holds byte `byteOffset` of its UTF-8 encoding. */
function characterOffsetOfByte(text: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3;
    if (bytes + size > byteOffset) return i;
    bytes += size;
    if (size === 4) i += 1;
  }
  return text.length;
}

/** The text with the one character at each offset (ascending) replaced by `by` (text, or made from that character). */
export function withCharsReplaced(text: string, offsets: readonly number[], by: string | ((char: string) => string)): string {
  const parts: string[] = [];
  let copied = 0;
  for (const offset of offsets) {
    parts.push(text.slice(copied, offset), typeof by === 'string' ? by : by(text.charAt(offset)));
    copied = offset + 1;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

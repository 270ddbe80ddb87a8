/**
 * Telling well-formed UTF-8 from bytes that only look like text: every tool that reads a user's file as UTF-8
 * (templates, hook schemas) points at the first byte that is not, instead of decoding it to U+FFFD silently.
 */

/** Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i += 1;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are all invalid UTF-8.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Why `bytes` are not UTF-8 text, in a person's words, or undefined when they are: the first byte that is not, and
 * the encoding they look like when it is a common one (UTF-16, as PowerShell 5's `>` and Notepad's "Unicode" write,
 * with or without its byte-order mark). UTF-16 of ASCII text without a mark is valid UTF-8 byte by byte (every other
 * byte a NUL), so it is told by those NULs, which no JSON or YAML document holds.
 */
export function notUtf8Reason(bytes: Uint8Array): string | undefined {
  const utf16 = looksLikeUtf16(bytes);
  const offset = firstInvalidUtf8(bytes);
  if (offset === bytes.length && utf16 === undefined) return undefined;
  const at = offset < bytes.length ? `byte 0x${(bytes[offset] as number).toString(16).padStart(2, '0')} at byte offset ${offset}` : `a NUL byte at byte offset ${bytes[0] === 0 ? 0 : 1}`;
  return `it is not UTF-8 text (${at})${utf16 === undefined ? '' : `; it looks like ${utf16}`}: save it as UTF-8`;
}

function looksLikeUtf16(bytes: Uint8Array): string | undefined {
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return 'UTF-16 LE (it starts with that byte-order mark)';
  if (b0 === 0xfe && b1 === 0xff) return 'UTF-16 BE (it starts with that byte-order mark)';
  if (bytes.length >= 2 && b0 !== 0 && b1 === 0) return 'UTF-16 LE (every other byte is a NUL)';
  if (bytes.length >= 2 && b0 === 0 && b1 !== 0) return 'UTF-16 BE (every other byte is a NUL)';
  return undefined;
}

/**
 * Orders two strings by their UTF-8 bytes, which is also their order by code point (Python's `sorted` of `str`): the
 * Elastic Beanstalk platform runs hooks in this order, and the SAM translator sorts a function's events so.
 */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

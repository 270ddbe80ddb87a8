/**
 * CRC-32, the checksum ZIP stores for every member (the packager writes it, the Guard archive reader checks it).
 * node:zlib has it from Node 20.15; the project runs on any Node 20, so before that the same function is computed
 * here, from the standard table (reflected polynomial 0xEDB88320). Both give an unsigned 32-bit number.
 */
import type * as Zlib from 'node:zlib';

/** The lookup table of the byte-at-a-time algorithm, made on first use. */
let table: Uint32Array | undefined;

/** CRC-32 of `data` computed in JavaScript; what zlib's gives (exported for the test that holds them equal). */
export function crc32OfBytes(data: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, byte) => {
    let c = byte;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (table[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** node:zlib's crc32 where this Node has it (null where it does not), looked up on first use. */
let nativeCrc32: ((data: Uint8Array) => number) | null | undefined;

/** CRC-32 of `data`, unsigned: node:zlib's where available, else the same value computed here. */
export function crc32(data: Uint8Array): number {
  // Required here, not imported: only ZIP readers and writers need node:zlib, and a start of simulate would load it.
  // A typed lookup: older Node 20 releases lack the export.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  nativeCrc32 ??= (require('node:zlib') as typeof Zlib & { crc32?: (data: Uint8Array) => number }).crc32 ?? null;
  return nativeCrc32 ? nativeCrc32(data) >>> 0 : crc32OfBytes(data);
}

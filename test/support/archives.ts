/**
 * Archives built in tests, including the hostile ones real tools refuse to write (`../` names, links, lying sizes):
 * ZIP through fflate, tar written here block by block (POSIX ustar headers, pax records), gzip through node's zlib.
 */
import { zipSync, type ZipOptions } from 'fflate';
import { gzipSync } from 'node:zlib';

/** One ZIP member: a name, its text, and fflate's per-file options (attributes, host OS, compression level). */
export interface ZipMember {
  readonly name: string;
  readonly text: string;
  readonly options?: ZipOptions;
}

/** A ZIP archive of the members, in order, deflated unless a member says otherwise. */
export function zipOf(members: readonly ZipMember[]): Buffer {
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const m of members) files[m.name] = [Buffer.from(m.text), { level: 6, ...m.options }];
  return Buffer.from(zipSync(files));
}

/** One tar member: a name, its data (a file, unless `type` says otherwise), a link target. */
export interface TarMember {
  readonly name: string;
  readonly data?: string | Buffer;
  /** The typeflag: '0' file (default), '5' folder, '1' hard link, '2' symbolic link, '6' FIFO, 'x' pax, 'L' GNU long name. */
  readonly type?: string;
  readonly linkname?: string;
}

const BLOCK = 512;

/** A tar archive (ustar headers, two zero blocks at the end unless `end` is false). */
export function tarOf(members: readonly TarMember[], end = true): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const data = typeof m.data === 'string' ? Buffer.from(m.data) : (m.data ?? Buffer.alloc(0));
    blocks.push(tarHeader(m.name, data.length, m.type ?? '0', m.linkname ?? ''));
    blocks.push(data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  if (end) blocks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(blocks);
}

/** The tar archive, gzipped. */
export function tarGzOf(members: readonly TarMember[], end = true): Buffer {
  return gzipSync(tarOf(members, end));
}

/** A pax extended header's records (`<length> <key>=<value>\n`, the length counting itself). */
export function paxRecords(records: Readonly<Record<string, string>>): string {
  let out = '';
  for (const [key, value] of Object.entries(records)) {
    const body = ` ${key}=${value}\n`;
    let length = Buffer.byteLength(body) + 1;
    while (String(length).length + Buffer.byteLength(body) !== length) length += 1;
    out += `${length}${body}`;
  }
  return out;
}

function tarHeader(name: string, size: number, type: string, linkname: string): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(name.slice(0, 100), 0, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('15100413200\0', 136, 'latin1');
  header.write(type, 156, 'latin1');
  header.write(linkname.slice(0, 100), 157, 'utf8');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

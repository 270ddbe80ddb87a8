/**
 * CRC-32 for ZIP members: node:zlib's where Node has it (20.15+), else the same table algorithm in JavaScript.
 * Both must give the standard check values, and the same number for any bytes.
 */
import fc from 'fast-check';
import { crc32 } from '../../../src/kernel/source';
import { crc32OfBytes } from '../../../src/kernel/source/crc32';
import { FUZZ_PARAMETERS } from '../../support/fuzz-runs';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('crc32', () => {
  it.each<[string, Buffer, number]>([
    ['nothing', bytes(''), 0],
    ['the standard check input "123456789"', bytes('123456789'), 0xcbf43926],
    ['a pangram', bytes('The quick brown fox jumps over the lazy dog'), 0x414fa339],
    ['one zero byte', Buffer.from([0]), 0xd202ef8d],
    ['bytes with the high bit set', Buffer.from([0xff, 0xff, 0xff, 0xff]), 0xffffffff],
  ])('of %s is the standard value, computed here and by the exported function', (_case, data, expected) => {
    expect(crc32OfBytes(data)).toBe(expected);
    expect(crc32(data)).toBe(expected);
  });

  it('on a Node without node:zlib crc32 (Node 20 before 20.15), computes the same values itself', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('node:zlib', () => ({ ...jest.requireActual<object>('node:zlib'), crc32: undefined }));
      const { crc32: withoutZlib } = await import('../../../src/kernel/source/crc32');
      expect(withoutZlib(bytes('123456789'))).toBe(0xcbf43926);
      expect(withoutZlib(bytes('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    });
  });

  it("the table version, the exported one (node:zlib's where this Node has it) and a bit-by-bit reference agree on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (data) => {
        const expected = bitByBit(data);
        expect(crc32OfBytes(data)).toBe(expected);
        expect(crc32(data)).toBe(expected);
      }),
      FUZZ_PARAMETERS,
    );
  });
});

/** The definition, one bit at a time: slow, and independent of the table the code under test builds. */
function bitByBit(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

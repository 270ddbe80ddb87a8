import fc from 'fast-check';
import { blankCommentsAndTrailingCommas } from '../../../simulator/script-hooks/amplify';
import { BoundedOutput, LinePrefixer } from '../../../simulator/script-hooks/engine';

describe('properties', () => {
  it('blanking comments and trailing commas leaves any JSON document unchanged in meaning and length', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const out = blankCommentsAndTrailingCommas(text);
        expect(out.length).toBe(text.length);
        expect(JSON.parse(out)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('a trailing comma and a comment added to any object are blanked back to valid JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), (value) => {
        const text = JSON.stringify(value, null, 2).replace(/\n}$/, ', // trailing\n}');
        expect(JSON.parse(blankCommentsAndTrailingCommas(text))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('BoundedOutput counts every byte, keeps everything under its budget, and never keeps more than it', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 })), fc.integer({ min: 2, max: 200 }), (chunks, keep) => {
        const out = new BoundedOutput(keep);
        for (const c of chunks) out.push(Buffer.from(c));
        const all = Buffer.concat(chunks.map((c) => Buffer.from(c)));
        const result = out.result();
        expect(result.totalBytes).toBe(all.length);
        expect(result.truncated).toBe(all.length > keep);
        if (!result.truncated) expect(result.text).toBe(all.toString('utf8'));
      }),
    );
  });

  it('LinePrefixer writes every character once, in order, however the text is chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\n') })), (chunks) => {
        const written: string[] = [];
        const prefixer = new LinePrefixer('', (t) => written.push(t));
        for (const c of chunks) prefixer.push(c);
        prefixer.end();
        const text = chunks.join('');
        const expected = text === '' ? '' : text.endsWith('\n') ? text : `${text}\n`;
        expect(written.join('')).toBe(expected);
      }),
    );
  });
});

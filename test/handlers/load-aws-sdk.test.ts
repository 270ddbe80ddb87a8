/** Where the SDK comes from: the sibling bundle next to dist/handlers.js first, then the TypeScript source. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { loadAwsSdk, sdkCandidates } from '../../src/handlers/inventory/load-aws-sdk';

describe('loadAwsSdk', () => {
  it.each([
    ['the sibling bundle when it is there', ['handlers-aws-sdk.js', 'aws-sdk.ts'], [true, true]],
    ['the source module otherwise', ['aws-sdk.ts'], [false, true]],
    ['neither (the Lambda runtime SDK is the fallback)', [], [false, false]],
  ])('finds %s', (_why, files, present) => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-candidates-'));
    for (const file of files) writeFileSync(join(dir, file), '');
    const candidates = sdkCandidates(dir);
    expect(candidates.map((c) => c.path)).toEqual([join(dir, 'handlers-aws-sdk.js'), join(dir, 'aws-sdk')]);
    expect(candidates.map((c) => c.present)).toEqual(present);
  });

  it('under Jest, loads the same SDK classes the tests import (so aws-sdk-client-mock sees them)', () => {
    expect(loadAwsSdk().S3Client).toBe(S3Client);
  });
});

/**
 * The handler bundle must not carry the AWS SDK: it is loaded on first preDelete from its own bundle,
 * so that a cold start parses ~40 KB instead of ~1.4 MB. (How long that takes is measured by
 * `npm run bench`, not asserted here.)
 */
import { build } from 'esbuild';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('bundle shape', () => {
  it('dist/handlers.js does not include the AWS SDK or the module that re-exports it', async () => {
    const result = await build({
      entryPoints: [join(root, 'src', 'handlers', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('src/handlers/checks/policy-table.ts'))).toBe(true);
    expect(inputs.filter((p) => p.includes('@aws-sdk') || p.includes('@smithy'))).toEqual([]);
    expect(inputs.filter((p) => p.endsWith('src/handlers/inventory/aws-sdk.ts'))).toEqual([]);
  });
});

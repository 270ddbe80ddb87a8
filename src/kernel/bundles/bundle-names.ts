/**
 * The bundles the build writes to `dist/`, from their one home (bundles.json, which scripts/build.mjs and the
 * Makefile read too): nothing else spells a bundle's file name.
 */
import table from './bundles.json';

/** One bundle: `dist/<name>.js`, built from `source`; `lambda` ships in the hook package, `cli` is a command. */
export interface BundleSpec {
  readonly name: string;
  readonly source: string;
  readonly runtime: 'lambda' | 'cli';
  /** A command started with a V8 code cache: the argument lists of the build's training runs (scripts/bundle-loader.cjs). */
  readonly codeCache?: readonly (readonly string[])[];
}

/** Every bundle, in build order. */
export const BUNDLES: readonly BundleSpec[] = table.bundles as BundleSpec[];

function fileOf(name: string): string {
  const bundle = BUNDLES.find((b) => b.name === name);
  if (!bundle) throw new Error(`bundles.json has no bundle named ${name}`);
  return `${bundle.name}.js`;
}

/** `handlers.js`: the hook's entry module. */
export const HANDLER_BUNDLE_FILE = fileOf('handlers');

/** `handlers-aws-sdk.js`: the SDK clients preDelete loads on first use, beside the handler bundle. */
export const HANDLER_SDK_BUNDLE_FILE = fileOf('handlers-aws-sdk');

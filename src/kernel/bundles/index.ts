/** What the build writes to dist/, named in one place. */
export { BUNDLES, HANDLER_BUNDLE_FILE, HANDLER_SDK_BUNDLE_FILE, type BundleSpec } from './bundle-names';

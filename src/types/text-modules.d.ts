/** Files imported as their text: esbuild's `text` loader in scripts/build.mjs, test/support/text-transform.cjs in Jest. */
declare module '*.yaml' {
  const text: string;
  export default text;
}

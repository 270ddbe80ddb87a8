// Jest transform for files the build bundles as text (esbuild's `text` loader): the module is the file's text.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};

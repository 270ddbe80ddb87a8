// Jest globalSetup: see run-tmpdir.cjs.
module.exports = require('./run-tmpdir.cjs').setup;

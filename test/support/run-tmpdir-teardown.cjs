// Jest globalTeardown: see run-tmpdir.cjs.
module.exports = require('./run-tmpdir.cjs').teardown;

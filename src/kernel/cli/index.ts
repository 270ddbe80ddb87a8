export * from './command-io';
export * from './long-timeout';
export * from './output-format';
export * from './colour';
export * from './argument-error';
export * from './usage-error';
export * from './version';
export * from './repeated-option';

export * from './command-io';
export * from './output-format';

export * from './command-io';

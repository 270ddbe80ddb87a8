export * from './wire-protocol';

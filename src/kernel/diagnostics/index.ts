export * from './diagnostic';
export * from './input-error';
export * from './codes';

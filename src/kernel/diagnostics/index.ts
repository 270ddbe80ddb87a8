export * from './diagnostic';
export * from './input-error';

export * from './diagnostic';

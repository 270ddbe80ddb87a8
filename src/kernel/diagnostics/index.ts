export * from './diagnostic';
export * from './input-error';
export * from './codes';
export * from './display-name';
export * from './closest-name';
export * from './wording';
export * from './message-list';

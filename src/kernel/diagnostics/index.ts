export * from './diagnostic';
export * from './input-error';
export * from './codes';
export * from './display-name';
export * from './closest-name';
export * from './message-list';

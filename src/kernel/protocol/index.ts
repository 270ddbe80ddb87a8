export * from './wire-protocol';
export { sameJson } from './same-json';

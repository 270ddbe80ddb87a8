export * from './wire-protocol';
export { sameJson, sameSentJson } from './same-json';

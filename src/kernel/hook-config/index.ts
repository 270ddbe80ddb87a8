export type * from './hook-configuration';
export { matchesWildcard, matchesAny, wildcardsOverlap } from './wildcard';

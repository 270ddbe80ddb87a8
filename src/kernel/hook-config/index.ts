export type * from './hook-configuration';

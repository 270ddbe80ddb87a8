/**
 * How findings word what they found. The helpers live in the kernel (src/kernel/diagnostics: wording.ts and
 * closest-name.ts), where the simulator's hooks-file validator uses them too; the schema checks import them from here.
 */
export { closestName, duplicateItems, jsonTypeOf, quote, readablePath, shortReadablePath } from '../kernel/diagnostics';

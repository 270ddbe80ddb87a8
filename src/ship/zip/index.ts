export { createZip, readZip, ZipFormatError } from './zip-archive';
export type { ZipEntry, ZipEntryInput } from './zip-archive';

export { createZip, EMPTY_ZIP_SIGNATURE, readZip, ZIP_SIGNATURE, ZipFormatError } from './zip-archive';
export type { ZipEntry, ZipEntryInput } from './zip-archive';

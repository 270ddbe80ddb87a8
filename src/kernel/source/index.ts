/**
 * Reading JSON and YAML documents so that every error can point at a line and column in the user's file,
 * without paying for a position-tracking parse on the happy path: the value comes from the fastest parser,
 * and positions are computed lazily (re-parsing with `yaml`'s document model) only when a diagnostic needs one.
 */
export * from './position';
export * from './json-document';
export { yamlLibrary, YAML_LOG_LEVEL } from './yaml-library';
export { readBoundedBytes, readBoundedText, readFailureReason, isDirectory, isRegularFile, notADirectoryReason, notARegularFileReason, FileReadError, DEFAULT_READ_LIMIT_BYTES, type BoundedBytes, type OpenSource } from './bounded-read';
export { compareUtf8, firstInvalidUtf8, notUtf8Reason } from './utf8';
export { crc32 } from './crc32';
export { hasUrlScheme } from './url-scheme';
export { readZipDirectory, zipMemberData, ZipReadError, UNIX_SYMLINK_TYPE, type ZipDirectory, type ZipMember } from './zip-read';

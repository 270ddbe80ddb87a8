/**
 * Writing files the tools produce: whole or not at all, and the temporaries that takes, named by the process that
 * made them so that a later run removes what a killed run left behind.
 */
export { writeWholeFile, WriteFailure } from './write-whole';
export { temporaryPathFor, removeStaleTemporaries, makeScratchFolder, removeStaleScratchFolders, isRunning, type ScratchFolder } from './owned-temporaries';

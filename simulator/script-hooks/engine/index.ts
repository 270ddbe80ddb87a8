export { runScript, type ScriptRequest, type ScriptResult } from './run-script';
export { BoundedOutput, DEFAULT_KEEP_BYTES, type CapturedOutput } from './bounded-output';
export { LinePrefixer } from './line-prefixer';
export { findCrlf, findCrlfInFile, isShell, scriptProgram, type CrlfFinding } from './line-endings';
export {
  inspectScriptFile,
  readScriptHead,
  isDirectlyExecutable,
  parseInterpreterLine,
  SCRIPT_HEAD_BYTES,
  type InterpreterLine,
  type ScriptFileInfo,
  type ScriptFileKind,
} from './script-file';

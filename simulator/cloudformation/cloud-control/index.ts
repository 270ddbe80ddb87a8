/**
 * Cloud Control API requests and the hooks they invoke (`simulate cloudcontrol`): the request's resource states
 * read from the user's files, and the request simulated with the account's hooks, as the API reports it.
 */
export { applyPatchDocument, parsePatchDocument, PatchDocumentError, readPatchDocument, type PatchDocument, type PatchOperation } from './patch-document';
export { MAX_STATE_CHARACTERS, MAX_STATE_FILE_BYTES, parseResourceState, readResourceState, ResourceStateError } from './resource-state';
export {
  API_CALL,
  CLOUD_CONTROL_MESSAGE_LENGTH,
  HOOK_BLOCKED_ERROR_CODE,
  hookTypeArn,
  MAX_STATUS_MESSAGE_LENGTH,
  notInvokedBecause,
  simulateCloudControlRequest,
  type CloudControlHookEvent,
  type CloudControlOperation,
  type CloudControlProgressEvent,
  type CloudControlRequest,
  type CloudControlResult,
  type CloudControlSimulation,
  type RequestStatus,
} from './simulate-request';

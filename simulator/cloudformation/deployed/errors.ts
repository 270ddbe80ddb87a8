import { InputError } from '../../../src/kernel/diagnostics';

/**
 * Reading deployed state failed: `api` is the call (`cloudformation:GetTemplate`), `code` the AWS or local
 * error code. An input error: the stack, the account or the credentials the user named cannot tell.
 */
export class DeployedStateError extends InputError {
  constructor(
    message: string,
    readonly code: string,
    readonly api: string,
    options?: { cause?: unknown },
  ) {
    super([{ code: 'SIM_DEPLOYED_STATE', severity: 'error', message, path: '', line: 0, column: 0 }], options);
  }
}

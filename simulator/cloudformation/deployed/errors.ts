/** Reading deployed state failed: `api` is the call (`cloudformation:GetTemplate`), `code` the AWS or local error code. */
export class DeployedStateError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly api: string,
  ) {
    super(message);
    this.name = 'DeployedStateError';
  }
}

/** A stack operation CloudFormation itself would refuse before any resource is touched. */
export class PlanError extends Error {
  constructor(
    readonly code: 'PLAN_TYPE_CHANGED' | 'PLAN_MISSING_TEMPLATE',
    message: string,
    readonly logicalId?: string,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

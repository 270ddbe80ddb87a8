/**
 * CloudFormation's template quotas ("Understand CloudFormation quotas" in the CloudFormation User Guide),
 * enforced when a template is read so that a template the service would refuse is refused here too.
 */

/** The template quotas that reading enforces. */
export interface TemplateLimits {
  /** Largest template body passed inline (`--template-body`): CreateStack/UpdateStack/ValidateTemplate. */
  bodyBytes: number;
  /** Largest template read from S3 (`--template-url`, or `aws cloudformation deploy --s3-bucket`). */
  s3Bytes: number;
  resources: number;
  parameters: number;
  outputs: number;
  mappings?: number;
}

/** The service's quotas as documented today. */
export const CLOUDFORMATION_LIMITS: TemplateLimits = Object.freeze({
  bodyBytes: 51_200,
  s3Bytes: 1_000_000,
  resources: 500,
  parameters: 200,
  outputs: 200,
  mappings: 200,
});

/** Largest Description the service accepts, in bytes. */
export const DESCRIPTION_MAX_BYTES = 1024;

/**
 * Bounds that protect the reader itself, whatever the quotas: they hold even with `limits: false`,
 * because a hostile file must never hang the process or exhaust its stack.
 */
export const READER_GUARDS = Object.freeze({
  /** Deepest nesting of mappings and sequences; real templates stay far below (the resolver recurses). */
  maxDepth: 200,
  /** Fewest value nodes an alias expansion may reach before it counts as a bomb (scaled up for big files). */
  minNodeBudget: 1_000_000,
  /** Most findings one read reports: one fix-up pass, not a flood (10,000 duplicate keys give 50). */
  maxIssues: 50,
});

/** The limits in force for one read: `false` turns every quota off (the guards above stay). */
export function effectiveLimits(option: Partial<TemplateLimits> | false | undefined): TemplateLimits | undefined {
  if (option === false) return undefined;
  return { ...CLOUDFORMATION_LIMITS, ...option };
}

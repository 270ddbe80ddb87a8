/**
 * AWS partitions: which one a region belongs to, and the domain its endpoints use. One table, so the pseudo
 * parameters (`AWS::Partition`, `AWS::URLSuffix`), the ARNs the simulator builds and the shipping tool agree.
 */

/** Region prefix → partition, most specific first (`us-isob-` before `us-iso-`). */
const PARTITION_BY_REGION_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
];

const URL_SUFFIX: Readonly<Record<string, string>> = {
  'aws-cn': 'amazonaws.com.cn',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
};

/** The AWS partition a region belongs to (`aws` for every commercial region). */
export function partitionOf(region: string): string {
  for (const [prefix, partition] of PARTITION_BY_REGION_PREFIX) if (region.startsWith(prefix)) return partition;
  return 'aws';
}

/** The domain suffix of a partition's endpoints (`AWS::URLSuffix`). */
export function urlSuffixOf(partition: string): string {
  return Object.hasOwn(URL_SUFFIX, partition) ? (URL_SUFFIX[partition] as string) : 'amazonaws.com';
}

/** The ARN of a stack, as CloudFormation writes it. */
export function stackArn(region: string, accountId: string, stackName: string, uuid: string): string {
  return `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:stack/${stackName}/${uuid}`;
}

/** The ARN of a change set, as CloudFormation writes it (`…:changeSet/<name>/<uuid>`). */
export function changeSetArn(region: string, accountId: string, changeSetName: string, uuid: string): string {
  return `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:changeSet/${changeSetName}/${uuid}`;
}

/** The name in a change set's ARN (`…:changeSet/<name>/<uuid>`), or undefined for anything else. */
export function changeSetNameOf(arn: string): string | undefined {
  return /^arn:[^:]+:cloudformation:[^:]*:[^:]*:changeSet\/([^/]+)\/[^/]+$/.exec(arn)?.[1];
}

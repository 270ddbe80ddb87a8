import { partitionOf, stackArn, urlSuffixOf } from '../../../src/kernel/aws';

describe('partitions', () => {
  it.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eu-west-3', 'aws', 'amazonaws.com'],
    ['cn-north-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['us-iso-east-1', 'aws-iso', 'c2s.ic.gov'],
    ['us-isob-east-1', 'aws-iso-b', 'sc2s.sgov.gov'],
    ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
    ['us-isof-south-1', 'aws-iso-f', 'csp.hci.ic.gov'],
  ])('%s is in %s (%s)', (region, partition, suffix) => {
    expect(partitionOf(region)).toBe(partition);
    expect(urlSuffixOf(partition)).toBe(suffix);
  });

  it('builds a stack ARN in the region\'s partition', () => {
    expect(stackArn('cn-north-1', '123456789012', 'app', 'abc')).toBe('arn:aws-cn:cloudformation:cn-north-1:123456789012:stack/app/abc');
  });
});

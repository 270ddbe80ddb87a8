import fc from 'fast-check';
import { matchesWildcard, wildcardsOverlap } from '../../src/kernel/hook-config';
import { isWellFormedTargetName } from '../../src/schema';

/** An independent reference for matching: the wildcard as a RegExp (fine for the short names generated here). */
function wildcardToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

describe('target names', () => {
  it.each([
    ['AWS::S3::Bucket', true],
    ['AWS::S3::*', true],
    ['AWS::*::Bucket?', true],
    ['MyCompany::Testing::Thing', true],
    ['STACK', true],
    ['CHANGE_SET', true],
    ['stack', false],
    ['AWS::S3', false],
    ['AWS::S3::Bucket::Policy', false],
    ['AWS::S3::Bucket Policy', false],
    ['AWS:S3:Bucket', false],
    ['', false],
  ])('%s well-formed: %s', (name, expected) => {
    expect(isWellFormedTargetName(name)).toBe(expected);
  });

  it.each([
    ['AWS::S3::*', 'AWS::S3::Bucket', true],
    ['AWS::S3::Bucket', 'AWS::S3::Bucket', true],
    ['AWS::*::Bucket', 'AWS::S3::*', true],
    ['AWS::S3::Bucke?', 'AWS::S3::Bucket', true],
    ['AWS::S3::Bucket?', 'AWS::S3::Bucket', false],
    ['AWS::S3::*', 'AWS::SQS::Queue', false],
    ['aws::s3::bucket', 'AWS::S3::Bucket', false],
    ['*', 'STACK', true],
    ['AWS::EC2::*', 'AWS::S3::*', false],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(wildcardsOverlap(a, b)).toBe(expected);
    expect(wildcardsOverlap(b, a)).toBe(expected);
  });

  it.each([
    ['AWS::S3::*', 'AWS::S3::Bucket', true],
    ['AWS::S3::*', 'AWS::S3::', true],
    ['AWS::S3::?ucket', 'AWS::S3::Bucket', true],
    ['AWS::S3::?', 'AWS::S3::Bucket', false],
    ['AWS::S3.Bucket', 'AWS::S3xBucket', false],
    ['AWS::S3::Bucket', 'aws::s3::bucket', false],
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(matchesWildcard(pattern, name)).toBe(expected);
    expect(wildcardToRegExp(pattern).test(name)).toBe(expected);
  });

  it('overlap is true whenever some name matches both patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '*', '?');
    const pattern = fc.array(alphabet, { maxLength: 6 }).map((cs) => cs.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, pattern, text, (a, b, name) => {
        if (wildcardToRegExp(a).test(name) && wildcardToRegExp(b).test(name)) return wildcardsOverlap(a, b);
        return true;
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });

  it('overlap with a literal name is exactly matching it', () => {
    const pattern = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 6 }).map((cs) => cs.join(''));
    const literal = fc.array(fc.constantFrom('a', 'b'), { maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, literal, (p, name) => wildcardsOverlap(p, name) === wildcardToRegExp(p).test(name)),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 500) },
    );
  });
});

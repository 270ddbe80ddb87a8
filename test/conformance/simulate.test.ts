/*
 * `simulate` against real templates (../shared/corpus, optional): every template either simulates (exit 0 or 1)
 * or is refused with a located message (exit 2, `file:line:col CODE …`), never an internal error (exit 3).
 * A template whose parameters have no default gets generic values; which template needed what is recorded below,
 * so a change is a visible diff. Each template that simulates is also deleted, which runs preDelete.
 */
import { join, relative } from 'node:path';
import { memoryIo } from '../../src/kernel/cli';
import { corpusPresent, CORPUS, filesUnder, TEMPLATE_FILE } from './corpus';
import { main } from '../../simulator/cli';
import { describeParameters } from '../../simulator/cloudformation/resolve';
import { readTemplateFile, TemplateError, type TemplateSource } from '../../simulator/cloudformation/template';

const repoRoot = join(__dirname, '..', '..');
const corpus = CORPUS;
const present = corpusPresent('simulate', 'templates');
const describeIfCorpus = present ? describe : describe.skip;
const templateFiles = (dir: string): string[] => filesUnder(dir, (name) => TEMPLATE_FILE.test(name));

const EC2_PREFIX: Readonly<Record<string, string>> = { Image: 'ami', SecurityGroup: 'sg', Subnet: 'subnet', VPC: 'vpc', Instance: 'i', Volume: 'vol' };

/** Generic values by parameter type, for parameters without a default. */
function genericValue(type: string, allowed: readonly string[] | undefined): string {
  if (allowed?.[0] !== undefined) return allowed[0];
  if (type === 'Number') return '1';
  if (type === 'List<Number>') return '1,2';
  if (type === 'CommaDelimitedList') return 'a,b';
  const list = /^List<AWS::EC2::(\w+)::\w+>$/.exec(type);
  if (list) {
    const prefix = EC2_PREFIX[list[1] ?? ''] ?? list[1]?.toLowerCase();
    return `${prefix}-0123456789abcdef0,${prefix}-0123456789abcdef1`;
  }
  if (type === 'AWS::EC2::KeyPair::KeyName') return 'corpus-key';
  if (type === 'AWS::EC2::AvailabilityZone::Name') return 'us-east-1a';
  const ec2 = /^AWS::EC2::(\w+)::Id$/.exec(type);
  if (ec2) return `${EC2_PREFIX[ec2[1] ?? ''] ?? ec2[1]?.toLowerCase()}-0123456789abcdef0`;
  return 'corpus-value';
}

/** What each real template needed to be simulated (parameters without default, SSM parameters): a change is a visible diff. */
const NEEDED: Readonly<Record<string, string>> = {
  'templates/awscft-CloudFrontLambdaEdge.yaml': 'VpcId PublicSubnetId1 PublicSubnetId2 KeyPairName',
  'templates/awscft-ELB_Access_Logs.yaml': 'KeyName /aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2',
  'templates/awscft-S3-compliant-bucket.json': 'AppName',
  'templates/awscft-S3-compliant-bucket.yaml': 'AppName',
  'templates/awscft-S3-compliant-static-website.yaml': 'AppName WebACL',
  'templates/awscft-S3CrossAccountReplication-source.yaml': 'AccountIdDestination',
  'templates/awscft-S3_LambdaTrigger.yaml': 'NotificationBucket',
  'templates/awscft-SQSFIFOQueue.json': 'QueueName',
  'templates/awscft-SQSFIFOQueue.yaml': 'QueueName',
  'templates/awscft-VPCFlowLogsS3.yaml': 'S3AccessLogsBucketName VPCFlowLogsBucketKMSKey VPCFlowLogsBucketName VPCID',
  'templates/awscft-s3-bucket-and-policy-for-caa-v1.yaml': 'BucketName PublisherAccountID',
  'templates/cfn101-changeset-challenge.yaml': 'BucketName',
};

/** Names whose template rules reject the generic value (a bucket name pattern, an account id). */
const GIVEN: Readonly<Record<string, string>> = {
  AccountIdDestination: '210987654321',
  PublisherAccountID: '210987654321',
  VPCFlowLogsBucketKMSKey: '',
};

/** The arguments a template needs: --parameter for parameters without default, --ssm-parameter for SSM-typed defaults. */
function neededArguments(source: TemplateSource): string[] {
  const args: string[] = [];
  for (const p of describeParameters(source)) {
    const ssm = /^AWS::SSM::Parameter::Value<(.+)>$/.exec(p.type);
    if (ssm && p.default !== undefined) args.push('--ssm-parameter', `${p.default}=${genericValue(ssm[1] ?? 'String', undefined)}`);
    else if (p.default === undefined) args.push('--parameter', `${p.name}=${GIVEN[p.name] ?? genericValue(p.type, p.allowedValues)}`);
  }
  return args;
}

async function simulate(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const io = memoryIo(repoRoot);
  const code = await main(argv, io);
  return { code, err: io.err.join(''), out: io.out.join('') };
}

describeIfCorpus('simulate on real templates', () => {
  const files = present ? [...templateFiles(join(corpus, 'templates')), ...templateFiles(join(corpus, 'cfn-lint-fixtures'))] : [];
  const needs = new Map<string, string[]>();
  const outcomes = new Map<string, string>();

  afterAll(() => {
    const lines = [...outcomes].map(([name, outcome]) => `${outcome.padEnd(10)} ${name}${needs.get(name)?.length ? `  (given ${needs.get(name)?.join(' ')})` : ''}`);
    console.log(`simulate conformance:\n${lines.join('\n')}`);
  });

  it.each(files.map((f) => [relative(corpus, f), f]))('%s', async (name, path) => {
    let args: string[] = [];
    try {
      args = neededArguments(readTemplateFile(path));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
    }
    if (args.length > 0) needs.set(name, args.filter((_, i) => i % 2 === 1));
    if (name.startsWith('templates/')) {
      const keys = (needs.get(name) ?? []).map((pair) => pair.slice(0, pair.indexOf('=')));
      expect(keys.join(' ')).toBe(NEEDED[name] ?? '');
    }
    const created = await simulate([path, '--stack-name', 'corpus', '--format', 'json', ...args]);
    outcomes.set(name, ['simulated', 'blocked', 'refused', 'CRASHED'][created.code] ?? `exit ${created.code}`);
    expect(created.code).not.toBe(3);
    if (created.code === 2) {
      // Refused: every line a located diagnostic in the template, no stack trace.
      expect(created.err).toMatch(new RegExp(`^${escape(path)}:\\d+:\\d+ [A-Z_0-9]+ `));
      expect(created.err).not.toMatch(/\n\s+at /);
      return;
    }
    const document = JSON.parse(created.out) as { stack: { outcome: string } };
    expect(document.stack.outcome).toBe(created.code === 0 ? 'SUCCEEDED' : 'FAILED');
    const deleted = await simulate([path, '--operation', 'delete', '--stack-name', 'corpus', '--format', 'json', ...args]);
    expect([0, 1]).toContain(deleted.code);
  });

  it('simulates most real templates (the rest are refused for reasons the simulator cannot remove)', () => {
    const templates = [...outcomes].filter(([name]) => name.startsWith('templates/'));
    const simulated = templates.filter(([, o]) => o === 'simulated' || o === 'blocked');
    expect(simulated.length).toBeGreaterThanOrEqual(25);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

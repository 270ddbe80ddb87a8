import { probe } from './probe';

/** Plain copies: resolved objects have no prototype, which toEqual treats as a difference. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

const BUCKET = 'my-logs';
const QUEUE_URL_PREFIX = 'https://sqs.us-east-1.amazonaws.com/123456789012/teststack-Jobs-';

describe('intrinsic functions resolve to exact values', () => {
  it.each<[string, unknown, unknown]>([
    ['Ref to a String parameter default', { Ref: 'Env' }, 'prod'],
    ['Ref to a Number parameter is a string', { Ref: 'Count' }, '3'],
    ['Ref to a CommaDelimitedList is a list', { Ref: 'Names' }, ['a', 'b', 'c']],
    ['Ref AWS::Region', { Ref: 'AWS::Region' }, 'us-east-1'],
    ['Ref AWS::AccountId', { Ref: 'AWS::AccountId' }, '123456789012'],
    ['Ref AWS::StackName', { Ref: 'AWS::StackName' }, 'teststack'],
    ['Ref AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref AWS::NotificationARNs', { Ref: 'AWS::NotificationARNs' }, []],
    ['Ref AWS::NoValue removes the property', { Ref: 'AWS::NoValue' }, undefined],
    ['Ref to a bucket is its name', { Ref: 'Logs' }, BUCKET],
    ['GetAtt string form', { 'Fn::GetAtt': 'Logs.Arn' }, `arn:aws:s3:::${BUCKET}`],
    ['GetAtt list form', { 'Fn::GetAtt': ['Logs', 'RegionalDomainName'] }, `${BUCKET}.s3.us-east-1.amazonaws.com`],
    ['GetAtt with a Ref attribute name', { 'Fn::GetAtt': ['Logs', { 'Fn::If': ['IsProd', 'DomainName', 'Arn'] }] }, `${BUCKET}.s3.amazonaws.com`],
    ['Sub with a parameter and a pseudo parameter', { 'Fn::Sub': '${Env}-${AWS::Region}' }, 'prod-us-east-1'],
    ['Sub with Resource.Attribute', { 'Fn::Sub': 'arn=${Logs.Arn}' }, `arn=arn:aws:s3:::${BUCKET}`],
    ['Sub literal ${!…}', { 'Fn::Sub': '${!Literal}-${Env}' }, '${Literal}-prod'],
    ['Sub with a variable map', { 'Fn::Sub': ['${A}/${B}', { A: 'x', B: { Ref: 'Env' } }] }, 'x/prod'],
    ['Sub variable map shadows a parameter', { 'Fn::Sub': ['${Env}', { Env: 'local' }] }, 'local'],
    ['Sub with an unterminated ${ keeps text', { 'Fn::Sub': 'a ${ b' }, 'a ${ b'],
    ['Join', { 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] }, 'a-prod-3'],
    ['Join of a list parameter', { 'Fn::Join': [',', { Ref: 'Names' }] }, 'a,b,c'],
    ['Join drops AWS::NoValue items', { 'Fn::Join': ['', ['a', { Ref: 'AWS::NoValue' }, 'b']] }, 'ab'],
    ['Select', { 'Fn::Select': [1, { Ref: 'Names' }] }, 'b'],
    ['Select with a string index', { 'Fn::Select': ['2', ['x', 'y', 'z']] }, 'z'],
    ['Split', { 'Fn::Split': ['|', 'a|b||c'] }, ['a', 'b', '', 'c']],
    ['Base64', { 'Fn::Base64': 'hello ✓' }, Buffer.from('hello ✓').toString('base64')],
    ['GetAZs of the stack region', { 'Fn::GetAZs': '' }, ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']],
    ['GetAZs of a Ref AWS::Region', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }, ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']],
    ['GetAZs of another region', { 'Fn::GetAZs': 'eu-west-3' }, ['eu-west-3a', 'eu-west-3b', 'eu-west-3c']],
    ['GetAZs with null (bare !GetAZs)', { 'Fn::GetAZs': null }, ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']],
    ['Cidr IPv4', { 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    ['Cidr from a host address', { 'Fn::Cidr': ['192.168.1.77/24', '2', '6'] }, ['192.168.1.0/26', '192.168.1.64/26']],
    ['Cidr IPv6', { 'Fn::Cidr': ['2001:db8::/56', 2, 64] }, ['2001:db8::/64', '2001:db8:0:1::/64']],
    ['FindInMap', { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'Ami'] }, 'ami-111'],
    ['FindInMap of a list value', { 'Fn::FindInMap': ['RegionMap', 'us-east-1', 'Zones'] }, ['x', 'y']],
    ['If true branch', { 'Fn::If': ['IsProd', 'big', 'small'] }, 'big'],
    ['If false branch', { 'Fn::If': ['IsDev', 'big', 'small'] }, 'small'],
    ['If with AWS::NoValue removes the property', { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] }, undefined],
    ['If inside a list drops the item', ['a', { 'Fn::If': ['IsDev', 'b', { Ref: 'AWS::NoValue' }] }, 'c'], ['a', 'c']],
    ['If inside an object drops the key', { keep: 1, drop: { 'Fn::If': ['IsDev', 1, { Ref: 'AWS::NoValue' }] } }, { keep: 1 }],
    ['ImportValue', { 'Fn::ImportValue': { 'Fn::Sub': '${Env}-VpcId' } }, 'vpc-123'],
    ['Condition key is plain data outside condition positions', { Condition: { StringEquals: { 'aws:x': 'y' } } }, { Condition: { StringEquals: { 'aws:x': 'y' } } }],
    ['numbers and booleans stay in their template types', { n: 5, b: false, z: null }, { n: 5, b: false, z: null }],
  ])('%s', (_name, expr, expected) => {
    expect(plain(probe(expr, {}, { exports: { 'prod-VpcId': 'vpc-123' } }))).toEqual(expected);
  });

  it('Ref to an SQS queue is its URL, with .fifo for a FIFO queue', () => {
    const url = probe({ Ref: 'Jobs' }) as string;
    expect(url.startsWith(QUEUE_URL_PREFIX)).toBe(true);
    expect(url).toMatch(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/teststack-Jobs-[A-Z0-9]{12}\.fifo$/);
  });

  it('GetAtt of a KMS key gives its key id inside its ARN', () => {
    const keyId = probe({ Ref: 'Key' }) as string;
    expect(keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(probe({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe(`arn:aws:kms:us-east-1:123456789012:key/${keyId}`);
  });

  it('dynamic references: ssm resolved, ssm-secure and secretsmanager left as written', () => {
    const value = probe(
      { a: '{{resolve:ssm:/app/name}}-x', b: '{{resolve:ssm:/app/name:3}}', c: '{{resolve:ssm-secure:/pw:1}}', d: '{{resolve:secretsmanager:MySecret:SecretString:password}}' },
      {},
      { ssmParameters: { '/app/name': 'shop', '/app/name:3': 'shop-v3' } },
    );
    expect(plain(value)).toEqual({ a: 'shop-x', b: 'shop-v3', c: '{{resolve:ssm-secure:/pw:1}}', d: '{{resolve:secretsmanager:MySecret:SecretString:password}}' });
  });

  it('a versioned ssm reference falls back to the unversioned value given', () => {
    expect(probe('{{resolve:ssm:/app/name:7}}', {}, { ssmParameters: { '/app/name': 'shop' } })).toBe('shop');
  });

  it.each<[string, string, string]>([
    ['aws-cn', 'cn-north-1', 'amazonaws.com.cn'],
    ['aws-us-gov', 'us-gov-west-1', 'amazonaws.com'],
    ['aws', 'eu-central-1', 'amazonaws.com'],
  ])('partition %s for %s', (partition, region, suffix) => {
    expect(plain(probe([{ Ref: 'AWS::Partition' }, { Ref: 'AWS::URLSuffix' }, { 'Fn::GetAtt': ['Logs', 'Arn'] }], {}, { region }))).toEqual([
      partition,
      suffix,
      `arn:${partition}:s3:::${BUCKET}`,
    ]);
  });

  it('AWS::StackId is a CloudFormation stack ARN, stable for the same stack', () => {
    const id = probe({ Ref: 'AWS::StackId' }) as string;
    expect(id).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/teststack\/[0-9a-f-]{36}$/);
    expect(probe({ Ref: 'AWS::StackId' })).toBe(id);
    expect(probe({ Ref: 'AWS::StackId' }, {}, { stackId: 'arn:given' })).toBe('arn:given');
  });
});

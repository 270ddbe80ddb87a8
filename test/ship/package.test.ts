import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentRejectedError, ProjectError } from '../../src/ship';
import { packageHook } from '../../src/ship/package/package-hook';
import { loadSchemaValidator } from '../../src/ship/project/schema-check';
import { readZip, type ZipEntry } from '../../src/ship/zip';
import { repoRoot, SCHEMA_FILE, temporaryProject } from './temporary-project';

const read = (dir: string, file: string) => readFileSync(join(dir, file));
const json = (entry: ZipEntry | undefined): unknown => JSON.parse((entry as ZipEntry).data.toString('utf8'));

async function packageIn(dir: string) {
  return packageHook({ root: dir, validateSchema: await loadSchemaValidator() });
}

describe('package (the real project files)', () => {
  let dir: string;
  let entries: ZipEntry[];
  let byName: Map<string, ZipEntry>;
  const realInputs = existsSync(join(repoRoot, 'inputs')) ? readdirSync(join(repoRoot, 'inputs')).sort() : [];

  beforeAll(async () => {
    dir = temporaryProject();
    const packaged = await packageIn(dir);
    expect(packaged.path).toBe(join(dir, 'mycompany-testing-mytesthook.zip'));
    entries = readZip(readFileSync(packaged.path));
    byName = new Map(entries.map((e) => [e.name, e]));
  });

  it('holds exactly what cfn submit uploads, in cfn order', () => {
    expect(entries.map((e) => e.name)).toEqual([
      'configuration-schema.json',
      '.rpdk-config',
      'schema.json',
      ...realInputs.map((f) => `inputs/${f}`),
      'target-info.json',
      'target-schemas/aws-s3-bucket.json',
      'target-schemas/aws-sqs-queue.json',
      'ResourceProvider.zip',
      '.cfn_metadata.json',
    ]);
  });

  it.each([
    ['schema.json', SCHEMA_FILE],
    ['.rpdk-config', '.rpdk-config'],
    ...realInputs.map((f) => [`inputs/${f}`, `inputs/${f}`]),
  ])('carries %s byte for byte', (member, file) => {
    expect(byName.get(member)?.data.equals(read(repoRoot, file))).toBe(true);
  });

  it('builds configuration-schema.json as cfn does: typeConfiguration + definitions + typeName, indented 4', () => {
    const schema = JSON.parse(read(repoRoot, SCHEMA_FILE).toString('utf8'));
    const text = byName.get('configuration-schema.json')?.data.toString('utf8') ?? '';
    expect(JSON.parse(text)).toEqual({ ...schema.typeConfiguration, definitions: schema.definitions ?? {}, typeName: 'MyCompany::Testing::MyTestHook' });
    expect(Object.keys(JSON.parse(text)).slice(-2)).toEqual(['definitions', 'typeName']);
    expect(text).toMatch(/^\{\n {4}"properties": \{\n {8}"minBuckets"/);
  });

  it.each([
    ['AWS::S3::Bucket', 'aws-s3-bucket.json'],
    ['AWS::SQS::Queue', 'aws-sqs-queue.json'],
  ])('describes target %s in target-info.json and target-schemas/ from the project schema file', (target, file) => {
    const projectSchema = JSON.parse(read(repoRoot, `target-schemas/${file}`).toString('utf8'));
    const info = json(byName.get('target-info.json')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(info)).toEqual(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
    expect(info[target]).toEqual({
      TypeName: target,
      TargetName: target,
      TargetType: 'RESOURCE',
      Schema: projectSchema,
      IsCfnRegistrySupportedType: true,
      SchemaFileAvailable: true,
    });
    expect(json(byName.get(`target-schemas/${file}`))).toEqual(projectSchema);
  });

  it('nests the built handler and its SDK bundle as ResourceProvider.zip at the entrypoint path', () => {
    const inner = readZip((byName.get('ResourceProvider.zip') as ZipEntry).data);
    expect(inner.map((e) => e.name)).toEqual(['dist/handlers-aws-sdk.js', 'dist/handlers.js']);
    for (const entry of inner) expect(entry.data.equals(read(dir, entry.name))).toBe(true);
  });

  it('records the tool in .cfn_metadata.json, written as Python json.dumps writes it', () => {
    const text = byName.get('.cfn_metadata.json')?.data.toString('utf8') ?? '';
    expect(text).toBe('{"plugin-name": "typescript", "plugin-tool-version": "0.1.0", "cli-version": "mytesthook-ship 0.1.0"}');
  });

  it('is byte-identical when packaged again, whatever the files\' timestamps', async () => {
    const first = read(dir, 'mycompany-testing-mytesthook.zip');
    utimesSync(join(dir, SCHEMA_FILE), new Date('2030-01-01'), new Date('2030-01-01'));
    await packageIn(dir);
    expect(read(dir, 'mycompany-testing-mytesthook.zip').equals(first)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('lists the same members under Info-ZIP unzip (required: .ci/run installs it)', () => {
    expect(spawnSync('unzip', ['-v']).status).toBe(0);
    const listing = execFileSync('unzip', ['-Z1', join(dir, 'mycompany-testing-mytesthook.zip')], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual(entries.map((e) => e.name));
  });
});

describe('package: target schemas listed in settings.target_schemas', () => {
  it('packages a schema file the settings list, beside target-schemas/ (each file once)', async () => {
    const dir = temporaryProject();
    execFileSync('mv', [join(dir, 'target-schemas', 'aws-sqs-queue.json'), join(dir, 'queue-schema.json')]);
    const settings = JSON.parse(read(dir, '.rpdk-config').toString('utf8'));
    settings.settings.target_schemas = ['queue-schema.json', 'target-schemas/aws-s3-bucket.json'];
    writeFileSync(join(dir, '.rpdk-config'), JSON.stringify(settings, null, 4));
    const entries = readZip(read(dir, (await packageIn(dir)).hookPackage.fileName));
    const queue = entries.find((e) => e.name === 'target-schemas/aws-sqs-queue.json');
    expect(JSON.parse((queue as ZipEntry).data.toString('utf8'))).toEqual(JSON.parse(read(dir, 'queue-schema.json').toString('utf8')));
  });
});

describe('package: a handler that also targets STACK or CHANGE_SET', () => {
  it.each([['STACK'], ['CHANGE_SET'], ['STACK', 'CHANGE_SET']])('packages %s with no target schema for it, as cfn does', async (...special) => {
    const dir = temporaryProject();
    const schema = JSON.parse(read(dir, SCHEMA_FILE).toString('utf8'));
    schema.handlers.preCreate.targetNames.push(...special);
    writeFileSync(join(dir, SCHEMA_FILE), JSON.stringify(schema, null, 4));
    const entries = readZip(read(dir, (await packageIn(dir)).hookPackage.fileName));
    expect(entries.filter((e) => e.name.startsWith('target-schemas/')).map((e) => e.name)).toEqual(['target-schemas/aws-s3-bucket.json', 'target-schemas/aws-sqs-queue.json']);
    expect(Object.keys(json(entries.find((e) => e.name === 'target-info.json')) as object)).toEqual(['AWS::S3::Bucket', 'AWS::SQS::Queue']);
  });
});

describe('package refuses a broken project and writes nothing', () => {
  it('refuses an invalid schema, naming each problem with its line and column', async () => {
    const dir = temporaryProject();
    const schema = JSON.parse(read(dir, SCHEMA_FILE).toString('utf8'));
    schema.handlers.preCreate.timeoutInMinutes = 5;
    schema.handlers.preDelete.permissions.push('cloudformation:*');
    writeFileSync(join(dir, SCHEMA_FILE), JSON.stringify(schema, null, 4));
    writeFileSync(join(dir, 'mycompany-testing-mytesthook.zip'), 'the previous package');
    const error = await packageIn(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentRejectedError);
    const diagnostics = (error as DocumentRejectedError).diagnostics.filter((d) => d.severity === 'error');
    expect(diagnostics.map((d) => d.path).sort()).toEqual(
      expect.arrayContaining(['/handlers/preCreate/timeoutInMinutes', expect.stringMatching(/^\/handlers\/preDelete\/permissions/)]),
    );
    for (const d of diagnostics) {
      expect(d.file).toBe(SCHEMA_FILE);
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
    }
    expect(read(dir, 'mycompany-testing-mytesthook.zip').toString()).toBe('the previous package');
  });

  it.each([
    ['.rpdk-config is not JSON', '.rpdk-config', '{ "typeName": ', /\.rpdk-config|JSON/, 'SRC_JSON_SYNTAX'],
    ['.rpdk-config is not a hook', '.rpdk-config', JSON.stringify({ artifact_type: 'RESOURCE', typeName: 'A::B::C' }), /artifact_type must be "HOOK"/, 'PROJECT_INVALID'],
    ['a target schema is missing', 'target-schemas/aws-sqs-queue.json', null, /no target schema for AWS::SQS::Queue/, 'TARGET_SCHEMA_MISSING'],
    ['the handler is not built', 'dist/handlers.js', null, /dist\/handlers\.js is missing: build the handler first/, 'HANDLER_NOT_BUILT'],
    ['the schema file is missing', SCHEMA_FILE, null, /cannot read mycompany-testing-mytesthook\.json: not found in the project folder \//, 'PROJECT_FILE_MISSING'],
    // `generate --root` at the wrong folder: the message names the folder looked in.
    ['.rpdk-config is missing', '.rpdk-config', null, /^cannot read \.rpdk-config: not found in the project folder \/.*project/, 'PROJECT_FILE_MISSING'],
  ])('%s', async (_label, file, content, message, code) => {
    const dir = temporaryProject();
    if (content === null) execFileSync('rm', ['-f', join(dir, file)]);
    else writeFileSync(join(dir, file), content);
    const error = await packageIn(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).message).toMatch(message);
    expect((error as ProjectError).code).toBe(code);
    expect(existsSync(join(dir, 'mycompany-testing-mytesthook.zip'))).toBe(false);
  });

  // Lambda would answer every call with Runtime.HandlerNotFound: refused where .rpdk-config names the export.
  it.each([
    ['entrypoint', 'dist/handlers.entryPoint', 6, 19, 'HANDLER_EXPORT_MISSING', '"entrypoint" names dist/handlers.entryPoint, but dist/handlers.js does not export a function entryPoint; did you mean entrypoint?; Lambda would answer every invocation with Runtime.HandlerNotFound'],
    ['testEntrypoint', 'dist/handlers.testEntrypiont', 7, 23, 'HANDLER_EXPORT_MISSING', '"testEntrypoint" names dist/handlers.testEntrypiont, but dist/handlers.js does not export a function testEntrypiont; did you mean testEntrypoint?; Lambda would answer every invocation with Runtime.HandlerNotFound'],
    ['entrypoint', 'dist/handlers-aws-sdk.entrypoint', 6, 19, 'HANDLER_EXPORT_MISSING', '"entrypoint" names dist/handlers-aws-sdk.entrypoint, but dist/handlers-aws-sdk.js does not export a function entrypoint'],
  ])('refuses an .rpdk-config %s naming %s, an export the bundle lacks, at its line', async (key, reference, line, column, code, message) => {
    const dir = temporaryProject();
    const settings = read(dir, '.rpdk-config').toString('utf8').replace(`"${key}": "dist/handlers.${key}"`, `"${key}": "${reference}"`);
    writeFileSync(join(dir, '.rpdk-config'), settings);
    const error = (await packageIn(dir).catch((e: unknown) => e)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    expect(error).toMatchObject({ code, file: '.rpdk-config', line, column });
    expect(error.message.startsWith(message)).toBe(true);
    expect(existsSync(join(dir, 'mycompany-testing-mytesthook.zip'))).toBe(false);
  });

  it('refuses a bundle that fails to load, without loading it in this process', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, 'dist', 'handlers.js'), "globalThis.loadedInShip = true; throw new Error('broken bundle');\n");
    const error = (await packageIn(dir).catch((e: unknown) => e)) as ProjectError;
    expect(error).toMatchObject({ code: 'HANDLER_LOAD_FAILED', file: '.rpdk-config', line: 6, column: 19 });
    expect(error.message).toBe('"entrypoint" names dist/handlers.entrypoint, but dist/handlers.js cannot serve it: the handler module failed to load: broken bundle; Lambda would fail every invocation at init');
    expect((globalThis as { loadedInShip?: boolean }).loadedInShip).toBeUndefined();
  });

  it('refuses a remote schema in settings.target_schemas instead of fetching it', async () => {
    const dir = temporaryProject();
    const settings = JSON.parse(read(dir, '.rpdk-config').toString('utf8'));
    settings.settings.target_schemas = ['https://example.com/aws-s3-bucket.json'];
    writeFileSync(join(dir, '.rpdk-config'), JSON.stringify(settings, null, 4));
    const error = (await packageIn(dir).catch((e: unknown) => e)) as ProjectError;
    expect([error.code, error.file]).toEqual(['TARGET_SCHEMA_REMOTE', '.rpdk-config']);
  });

  it('locates a JSON syntax error in the schema', async () => {
    const dir = temporaryProject();
    writeFileSync(join(dir, SCHEMA_FILE), '{\n  "typeName": "MyCompany::Testing::MyTestHook",\n  "description": oops\n}');
    const error = (await packageIn(dir).catch((e: unknown) => e)) as ProjectError;
    expect(error).toBeInstanceOf(ProjectError);
    // Where V8 reports no offset (Node 20 for an unexpected token), src/source falls back to the end of the text.
    expect(error.file).toBe(SCHEMA_FILE);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/invalid JSON/);
  });
});

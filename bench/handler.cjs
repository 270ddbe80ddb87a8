// In-process handler throughput: preCreate and preUpdate invocations per second through the wire protocol,
// on the bundled handler (dist/handlers.js). Prints one JSON object. Usage: node bench/handler.cjs dist/handlers.js
const { performance } = require('node:perf_hooks');
const { entrypoint } = require(require('node:path').resolve(process.argv[2]));

const bucket = (algorithm, key) => ({
  BucketName: 'bench-bucket',
  BucketEncryption: {
    ServerSideEncryptionConfiguration: [
      { BucketKeyEnabled: 'true', ServerSideEncryptionByDefault: { SSEAlgorithm: algorithm, ...(key ? { KMSMasterKeyID: key } : {}) } },
    ],
  },
});
const request = (point, properties, previous) => ({
  clientRequestToken: '00000000-0000-4000-8000-000000000000',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/bench/00000000-0000-4000-8000-000000000001',
  hookTypeName: 'MyCompany::Testing::MyTestHook',
  hookTypeVersion: '00000001',
  hookModel: { encryptionAlgorithm: 'AES256', minBuckets: '0', minQueues: '0' },
  actionInvocationPoint: point,
  requestData: {
    targetName: 'AWS::S3::Bucket',
    targetType: 'RESOURCE',
    targetLogicalId: 'Bucket',
    targetModel: { resourceProperties: properties, ...(previous ? { previousResourceProperties: previous } : {}) },
  },
  requestContext: { invocation: 1, callbackContext: null },
});
const context = { getRemainingTimeInMillis: () => 30000 };
// Logs are part of the handler's cost in Lambda too, but writing them to the benchmark's stdout would garble it.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = () => true;
console.log = () => undefined;
console.info = () => undefined;

async function perSecond(event, budgetMs = 1500) {
  for (let i = 0; i < 200; i++) await entrypoint(event, context); // warm-up
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 100; i++) await entrypoint(event, context);
    count += 100;
  }
  return Math.round(count / ((performance.now() - start) / 1000));
}

(async () => {
  const preCreatePerSecond = await perSecond(request('CREATE_PRE_PROVISION', bucket('AES256')));
  const preUpdatePerSecond = await perSecond(request('UPDATE_PRE_PROVISION', bucket('AES256'), bucket('AES256')));
  write(`${JSON.stringify({ preCreatePerSecond, preUpdatePerSecond })}\n`);
})();

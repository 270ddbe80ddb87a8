/**
 * An SDK request handler (the transport under the real S3 and SQS clients) that answers from a
 * SimulatedAccount instead of the network: S3 ListBuckets / GetBucketEncryption in REST-XML, with
 * pagination and the service's NotFound error, and SQS ListQueues / GetQueueAttributes in AWS JSON 1.0
 * (the protocol @aws-sdk/client-sqs speaks). Nothing leaves the process; an unexpected call is answered
 * with an error naming it, never forwarded.
 */
import type { AccountOperation, SimulatedAccount, SimulatedBucket } from './simulated-account';

/** The parts of the SDK's HttpRequest the transport reads. */
export interface TransportRequest {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly query?: Record<string, string | Array<string> | null>;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** The response shape the SDK's deserializers accept. */
export interface TransportResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const S3_MAX_PAGE = 10_000;
const SQS_MAX_PAGE = 1000;

/** An HttpHandler for SDK v3 clients, serving one simulated account. */
export class AccountTransport {
  readonly metadata = { handlerProtocol: 'simulated' };

  constructor(private readonly account: SimulatedAccount) {}

  /** Answers one SDK request from the inventory. */
  async handle(request: TransportRequest): Promise<{ response: TransportResponse }> {
    const response = request.hostname.startsWith('sqs.') ? this.sqs(request) : this.s3(request);
    return { response };
  }

  /** Part of the HttpHandler interface. */
  updateHttpClientConfig(): void {
    // Nothing to configure: there is no connection.
  }

  /** Part of the HttpHandler interface: no configuration. */
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  /** Part of the HttpHandler interface. */
  destroy(): void {
    // No sockets to close.
  }

  private s3(request: TransportRequest): TransportResponse {
    const query = request.query ?? {};
    const bucket = bucketOfRequest(request);
    if (request.method === 'GET' && bucket === undefined) return this.listBuckets(query);
    if (request.method === 'GET' && bucket !== undefined && 'encryption' in query) return this.getBucketEncryption(bucket);
    return s3Error(400, 'NotImplemented', `the simulated account does not serve ${request.method} ${request.hostname}${request.path}`);
  }

  private listBuckets(query: Record<string, string | string[] | null>): TransportResponse {
    const fault = this.count('ListBuckets');
    if (fault) return fault;
    const all = this.account.buckets();
    const pageSize = Math.min(Number(single(query['max-buckets']) ?? S3_MAX_PAGE) || S3_MAX_PAGE, S3_MAX_PAGE);
    const start = decodeToken(single(query['continuation-token']));
    if (start === undefined) return s3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect');
    const page = all.slice(start, start + pageSize);
    const next = start + pageSize < all.length ? `<ContinuationToken>${encodeToken(start + pageSize)}</ContinuationToken>` : '';
    const items = page.map(
      (b) => `<Bucket><Name>${xml(b.name)}</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate><BucketRegion>${xml(b.region)}</BucketRegion></Bucket>`,
    );
    return xmlResponse(
      200,
      `<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>${this.account.accountId}</ID></Owner><Buckets>${items.join('')}</Buckets>${next}</ListAllMyBucketsResult>`,
    );
  }

  private getBucketEncryption(name: string): TransportResponse {
    const fault = this.count('GetBucketEncryption');
    if (fault) return fault;
    const bucket: SimulatedBucket | undefined = this.account.bucket(name);
    if (!bucket) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', name);
    if (!bucket.encryption || bucket.encryption.length === 0) {
      return s3Error(404, 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found', name);
    }
    const rules = bucket.encryption.map(
      (r) =>
        `<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>${xml(r.SSEAlgorithm)}</SSEAlgorithm>${
          r.KMSMasterKeyID ? `<KMSMasterKeyID>${xml(r.KMSMasterKeyID)}</KMSMasterKeyID>` : ''
        }</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${r.BucketKeyEnabled === true}</BucketKeyEnabled></Rule>`,
    );
    return xmlResponse(200, `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${rules.join('')}</ServerSideEncryptionConfiguration>`);
  }

  private sqs(request: TransportRequest): TransportResponse {
    const region = /^sqs\.([a-z0-9-]+)\./.exec(request.hostname)?.[1] ?? this.account.defaultRegion;
    const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'] ?? '';
    const input = parseJsonBody(request.body);
    if (target === 'AmazonSQS.ListQueues') return this.listQueues(region, input);
    if (target === 'AmazonSQS.GetQueueAttributes') return this.getQueueAttributes(input);
    return sqsError(400, 'InvalidAction', 'AWS.SimpleQueueService.InvalidAction', `the simulated account does not serve ${target || 'this call'}`);
  }

  private listQueues(region: string, input: Record<string, unknown>): TransportResponse {
    const fault = this.count('ListQueues');
    if (fault) return fault;
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const all = this.account.queues(region).filter((q) => q.name.startsWith(prefix));
    // Without MaxResults the service returns up to 1000 queues and no NextToken.
    const paged = typeof input.MaxResults === 'number';
    const pageSize = paged ? Math.min(Math.max(1, input.MaxResults as number), SQS_MAX_PAGE) : SQS_MAX_PAGE;
    const start = decodeToken(typeof input.NextToken === 'string' ? input.NextToken : undefined);
    if (start === undefined) return sqsError(400, 'InvalidParameterValue', 'AWS.SimpleQueueService.InvalidParameterValue', 'Invalid NextToken value.');
    const page = all.slice(start, start + pageSize);
    const body: Record<string, unknown> = {};
    if (page.length > 0) body.QueueUrls = page.map((q) => this.account.queueUrl(q));
    if (paged && start + pageSize < all.length) body.NextToken = encodeToken(start + pageSize);
    return jsonResponse(200, body);
  }

  private getQueueAttributes(input: Record<string, unknown>): TransportResponse {
    const fault = this.count('GetQueueAttributes');
    if (fault) return fault;
    const url = typeof input.QueueUrl === 'string' ? input.QueueUrl : '';
    const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/]+)$/.exec(url);
    const queue = match && match[2] === this.account.accountId ? this.account.queue(match[1] ?? '', match[3] ?? '') : undefined;
    if (!queue) return sqsError(400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    const names = Array.isArray(input.AttributeNames) ? input.AttributeNames : [];
    const wantsKey = names.includes('All') || names.includes('KmsMasterKeyId');
    return jsonResponse(200, { Attributes: wantsKey && queue.KmsMasterKeyId ? { KmsMasterKeyId: queue.KmsMasterKeyId } : {} });
  }

  /** Counts a call and answers its simulated fault, if one is configured. */
  private count(operation: AccountOperation): TransportResponse | undefined {
    this.account.calls[operation] += 1;
    const fault = this.account.faults.get(operation);
    if (!fault) return undefined;
    const sqs = operation === 'ListQueues' || operation === 'GetQueueAttributes';
    switch (fault) {
      case 'AccessDenied':
        return sqs
          ? sqsError(400, 'AccessDenied', 'AccessDenied', `simulated: not authorized to perform sqs:${operation}`)
          : s3Error(403, 'AccessDenied', `simulated: not authorized to perform ${operation}`);
      case 'Throttling':
        return sqs ? sqsError(400, 'RequestThrottled', 'RequestThrottled', 'simulated: Rate exceeded') : s3Error(503, 'SlowDown', 'simulated: Please reduce your request rate.');
      case 'InternalError':
        return sqs ? sqsError(500, 'InternalError', 'InternalError', 'simulated: internal error') : s3Error(500, 'InternalError', 'simulated: We encountered an internal error. Please try again.');
    }
  }
}

/** The bucket a request addresses: virtual-hosted (`name.s3.region.amazonaws.com`) or path-style (`/name`). */
function bucketOfRequest(request: TransportRequest): string | undefined {
  const virtual = /^(.+)\.s3[.-]/.exec(request.hostname);
  if (virtual?.[1]) return virtual[1];
  const segment = request.path.split('/')[1];
  return segment ? decodeURIComponent(segment) : undefined;
}

function single(value: string | string[] | null | undefined): string | undefined {
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

// Page tokens are opaque to clients; here they carry the offset of the next page.
function encodeToken(offset: number): string {
  return Buffer.from(`simulated:${offset}`).toString('base64');
}

function decodeToken(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return 0;
  const match = /^simulated:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlResponse(statusCode: number, body: string): TransportResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'SIMULATED' },
    body: encoder.encode(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`),
  };
}

function s3Error(statusCode: number, code: string, message: string, bucket?: string): TransportResponse {
  const named = bucket ? `<BucketName>${xml(bucket)}</BucketName>` : '';
  return xmlResponse(statusCode, `<Error><Code>${code}</Code><Message>${xml(message)}</Message>${named}<RequestId>SIMULATED</RequestId></Error>`);
}

function jsonResponse(statusCode: number, body: unknown): TransportResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'SIMULATED' },
    body: encoder.encode(JSON.stringify(body)),
  };
}

function sqsError(statusCode: number, type: string, queryCode: string, message: string): TransportResponse {
  const response = jsonResponse(statusCode, { __type: `com.amazonaws.sqs#${type}`, message });
  // The SDK maps the JSON error back to the query-protocol code through this header.
  return { ...response, headers: { ...response.headers, 'x-amzn-query-error': `${queryCode};${statusCode >= 500 ? 'Receiver' : 'Sender'}` } };
}

function parseJsonBody(body: unknown): Record<string, unknown> {
  // TextDecoder reads the bytes as they are: the SDK's body is a Uint8Array that warns when used as a string.
  const text = typeof body === 'string' ? body : body instanceof Uint8Array ? decoder.decode(body) : '';
  if (text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

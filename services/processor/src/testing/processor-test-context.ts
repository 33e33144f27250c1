/**
 * The processor against the embedded backend, for integration tests: a fresh migrated database
 * (as the application role), the pipeline's AWS resources in moto (temp bucket with SSE-KMS,
 * queue + DLQ, documents and PHI keys), a cost table, a Bedrock client on the given mock, and
 * the real SQS handler driven by the local SQS event source, as Lambda's event source mapping
 * would drive it.
 *
 * @example
 * ```ts
 * const context = await createProcessorTestContext({ bedrockEndpoint: mock.endpoint });
 * const job = await context.submitDocument(pdfBytes, 'application/pdf');
 * await context.startProcessor();
 * const done = await context.waitForJob(job.id, ['completed', 'failed']);
 * await context.close();
 * ```
 * @module
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createBedrockClient, type BedrockClient, type BedrockRuntime } from '#shared/bedrock/bedrock-client.ts';
import { readBedrockConfig } from '#shared/config/bedrock-config.ts';
import { createCostRecorder } from '#shared/cost/cost-recorder.ts';
import { type PhiCipher } from '#shared/crypto/index.ts';
import { type DatabaseHandle } from '#shared/db/database.ts';
import type { DocumentJob, DocumentMediaType, JobStatus } from '#shared/db/schema.ts';
import { createJob, getJob, markQueued } from '#shared/jobs/document-jobs.ts';
import { createSqsEventSource, type SqsEventSource, type SqsEventSourceOptions } from '../../../../emulation/src/runtime/sqs-event-source.ts';
import type { SqsHandler } from '../../../../emulation/src/runtime/sqs-event.ts';
import { getTestBackend } from '../../../../emulation/src/testing/backend.ts';
import { awsClientConfig, type DocumentResources } from '../../../../emulation/src/testing/document-resources.ts';
import { createS3DocumentStore } from '../document-store.ts';
import { processingMessageBody } from '../processing-message.ts';
import { readProcessorConfig, type ProcessorConfig } from '../processor-config.ts';
import type { ProcessorDependencies } from '../processor-dependencies.ts';
import { createSqsProcessingQueue } from '../processing-queue.ts';
import { createProcessorHandler } from '../sqs-handler.ts';
import { insertTestUser } from '../../../../emulation/src/testing/test-users.ts';
import { createServiceTestBackend } from '../../../../emulation/src/testing/service-test-backend.ts';

export interface ProcessorTestContextOptions {
  /** The Bedrock mock to call (default: the shared one; never `configure` that one). */
  bedrockEndpoint?: string;
  /** Wraps the Bedrock Runtime client, e.g. to corrupt or record answers. */
  wrapRuntime?: (runtime: BedrockRuntime) => BedrockRuntime;
  /** The queue's maxReceiveCount and PROCESSING_MAX_RECEIVES (default 3). */
  maxReceives?: number;
  /** Processor settings over the defaults. */
  config?: Record<string, string>;
}

export interface ProcessorTestContext {
  deps: ProcessorDependencies;
  database: DatabaseHandle;
  /** Superuser connection: raw reads of what the app stored. */
  admin: DatabaseHandle;
  resources: DocumentResources;
  bedrock: BedrockClient;
  cipher: PhiCipher;
  s3: S3Client;
  sqs: SQSClient;
  costTableName: string;
  config: ProcessorConfig;
  /** A new user row. */
  createUser(): Promise<string>;
  /** What the upload does: S3 object (SSE-KMS by bucket default), job row, queued, message sent. */
  submitDocument(bytes: Uint8Array, mediaType: DocumentMediaType, options?: { userId?: string; send?: boolean }): Promise<DocumentJob>;
  sendMessage(body: string): Promise<void>;
  /** Starts the real handler (or `handler` wrapping it) behind the SQS event source. */
  startProcessor(options?: { wrap?: (handler: SqsHandler) => SqsHandler; concurrency?: number } & Partial<SqsEventSourceOptions>): Promise<SqsEventSource>;
  /** Polls the job until its status is one of `statuses`. */
  waitForJob(jobId: string, statuses: readonly JobStatus[], timeoutMs?: number): Promise<DocumentJob>;
  /** Visible + in-flight messages of a queue. */
  messageCount(queueUrl: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Builds the context (see the module description).
 *
 * @example
 * ```ts
 * const context = await createProcessorTestContext();
 * ```
 */
export async function createProcessorTestContext(options: ProcessorTestContextOptions = {}): Promise<ProcessorTestContext> {
  const backend = getTestBackend();
  const aws = backend.aws;
  const clientConfig = awsClientConfig(aws);
  const maxReceives = options.maxReceives ?? 3;
  // A short visibility timeout: a message whose handler was cut off comes back within the test.
  const base = await createServiceTestBackend({ costTablePrefix: 'processor', resources: { maxReceiveCount: maxReceives, visibilityTimeoutSeconds: 5 } });
  const { resources, database, admin, cipher } = base;
  const costTableName = base.costTableName!;

  const s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
  const sqs = new SQSClient(clientConfig);
  const dynamo = new DynamoDBClient(clientConfig);
  const runtime = new BedrockRuntimeClient({
    endpoint: options.bedrockEndpoint ?? backend.bedrock.endpoint,
    region: aws.region,
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey },
    retryMode: 'adaptive',
    maxAttempts: 3,
  });
  const bedrock = createBedrockClient({
    runtime: options.wrapRuntime ? options.wrapRuntime(runtime) : runtime,
    config: readBedrockConfig({}),
    costRecorder: createCostRecorder({ documentClient: DynamoDBDocumentClient.from(dynamo), tableName: costTableName, ttlDays: 365 }),
  });
  const config = readProcessorConfig({ PROCESSING_MAX_RECEIVES: String(maxReceives), ...options.config });
  const deps: ProcessorDependencies = {
    db: database.db,
    bedrock,
    documents: createS3DocumentStore(s3, resources.bucket),
    cipher,
    queue: createSqsProcessingQueue(sqs, resources.queueUrl),
    config,
  };
  const sources: SqsEventSource[] = [];

  const context: ProcessorTestContext = {
    deps,
    database,
    admin,
    resources,
    bedrock,
    cipher,
    s3,
    sqs,
    costTableName,
    config,
    async createUser() {
      return insertTestUser(database.db);
    },
    async submitDocument(bytes, mediaType, submitOptions = {}) {
      const userId = submitOptions.userId ?? (await context.createUser());
      const job = await createJob(database.db, { userId, mediaType, sizeBytes: bytes.byteLength });
      await s3.send(
        new PutObjectCommand({
          Bucket: resources.bucket,
          Key: job.object_key,
          Body: bytes,
          ContentType: mediaType,
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: resources.documentsKeyArn,
          Metadata: { 'user-id': userId, 'uploaded-at': new Date().toISOString() },
        }),
      );
      const queued = (await markQueued(database.db, job.id)) ?? job;
      if (submitOptions.send !== false) await context.sendMessage(processingMessageBody(job.id));
      return queued;
    },
    async sendMessage(body) {
      await sqs.send(new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: body }));
    },
    async startProcessor(startOptions = {}) {
      const { wrap, ...sourceOptions } = startOptions;
      const handler: SqsHandler = createProcessorHandler(deps);
      const source = createSqsEventSource({
        sqs,
        queueUrl: resources.queueUrl,
        handler: wrap ? wrap(handler) : handler,
        batchSize: 1,
        functionName: 'serenya-processor',
        functionTimeoutMs: config.budgetMs,
        // Redeliver at once instead of after the visibility timeout: the retry path in seconds.
        failureVisibilityTimeoutSeconds: 0,
        ...sourceOptions,
      });
      sources.push(source);
      await source.start();
      return source;
    },
    async waitForJob(jobId, statuses, timeoutMs = 25_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const job = await getJob(database.db, jobId);
        if (job !== undefined && statuses.includes(job.status)) return job;
        if (Date.now() > deadline) throw new Error(`job ${jobId} is ${job?.status ?? 'missing'}, not ${statuses.join('|')}, after ${String(timeoutMs)} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async messageCount(queueUrl) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    async close() {
      await Promise.all(sources.map((source) => source.stop()));
      bedrock.breaker.shutdown();
      for (const client of [s3, sqs, dynamo, runtime]) client.destroy();
      await base.close();
    },
  };
  return context;
}

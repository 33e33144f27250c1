/**
 * The seven functions and exactly what each may do. Timeouts follow API Gateway's 30 s integration
 * limit: a function behind the HTTP API has at most 29 s, and sets its own deadlines below that
 * (CHAT_REQUEST_BUDGET_MS, BEDROCK_TIMEOUT_MS) so a slow dependency answers 504 before the
 * function is killed. Document interpretation is asynchronous (202 + job), so the processor has
 * the design's 180 s. `chat-stream` is the same chat service behind its function URL
 * (RESPONSE_STREAM, CloudFront `/chat/stream`, edge/serenya-edge.ts): no API Gateway in the path,
 * so an SSE answer may take up to 60 s, still bounded, with the chat's own deadlines under that.
 *
 * | function | handler | timeout | memory | subnets | may use |
 * |---|---|---|---|---|---|
 * | auth | services/auth/src/handler.ts | 15 s | 512 MB | egress (Google keys) | proxy, PHI key, access-token key (sign) |
 * | documents | services/documents/src/handler.ts | 29 s | 1024 MB | egress (our JWKS) | proxy, temp bucket jobs/* put+head, documents key, queue send |
 * | chat | services/chat/src/handler.ts | 29 s | 1024 MB | egress (our JWKS) | proxy, PHI key, chat model, cost table put+query |
 * | chat-stream | services/chat/src/stream-handler.ts | 60 s | 1024 MB | egress (our JWKS) | the same as chat |
 * | content | services/content/src/handler.ts | 29 s | 1024 MB | egress (our JWKS) | proxy, PHI key, cost table query+delete, temp bucket jobs/* delete |
 * | processor | services/processor/src/handler.ts | 180 s | 2048 MB | isolated | proxy, PHI key, temp bucket jobs/* get+delete, document model, cost table put, queue consume/send |
 * | stale-job-sweeper | services/processor/src/stale-job-sweeper-handler.ts | 60 s | 256 MB | isolated | proxy, queue send |
 *
 * Environment values are literals or Ref/GetAtt/Join of this stack's resources only: the local
 * emulator resolves exactly those.
 *
 * @example
 * ```ts
 * const functions = new ServiceFunctions(this, 'Functions', { config, keys, network, database, … });
 * functions.processor.function.functionName;
 * ```
 * @module
 */
import { Aws, Duration, Fn } from 'aws-cdk-lib';
import { Peer, Port, SubnetType, type ISecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { StageConfig } from '../../stage-config.ts';
import { DATABASE_NAME, DATABASE_PORT, type SerenyaDatabase } from '../database/serenya-database.ts';
import type { SerenyaKeys } from '../keys/serenya-keys.ts';
import { BEDROCK_INVOKE_ACTIONS, bedrockModelArns } from '../network/bedrock-endpoint-policy.ts';
import { HTTPS_PORT, type SerenyaNetwork } from '../network/serenya-network.ts';
import { MAX_RECEIVE_COUNT, type ProcessingQueue } from '../processing-queue/processing-queue.ts';
import type { FunctionKey } from './function-entries.ts';
import { ServiceFunction } from './service-function.ts';
import type { ApiService } from '../http-api/api-routes.ts';

/** Where the temp bucket keeps uploads (services/shared/src/jobs/document-jobs.ts objectKeyFor). */
const DOCUMENT_OBJECT_PREFIX = 'jobs/';
/** API Gateway cuts every integration at 30 s; a function behind it gets at most this. */
const MAX_API_FUNCTION_TIMEOUT = Duration.seconds(29);
export const PROCESSOR_TIMEOUT = Duration.seconds(180);
/**
 * The streaming chat function's: its URL has no 30 s cut, and CloudFront's origin read timeout
 * on `/chat/stream` is 60 s too, so the whole answer (and the wait for its first byte) fits.
 */
const CHAT_STREAM_TIMEOUT = Duration.seconds(60);
/** What a chat function leaves itself: the request budget ends this much before the timeout, the model call as much before the budget. */
const CHAT_DEADLINE_MARGIN_MS = 2_000;
/** How often the stale-job sweeper runs. */
const SWEEPER_SCHEDULE = Schedule.rate(Duration.minutes(5));
/** Google's sign-in issuers and signing keys (services/shared/src/config/google-sign-in-config.ts defaults). */
const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

export interface ServiceFunctionsProps {
  readonly config: StageConfig;
  readonly keys: SerenyaKeys;
  readonly network: SerenyaNetwork;
  readonly database: SerenyaDatabase;
  readonly tempDocuments: Bucket;
  readonly processingQueue: ProcessingQueue;
  readonly costTable: Table;
  readonly logRetention: RetentionDays;
  /** Who issues access tokens (a URL): the `iss` the services and the JWT authorizer expect. */
  readonly accessTokenIssuer: string;
  /** Where the issuer's public keys are. */
  readonly accessTokenJwksUrl: string;
}

export class ServiceFunctions extends Construct {
  readonly auth: ServiceFunction;
  readonly documents: ServiceFunction;
  readonly chat: ServiceFunction;
  /** The chat service's streaming entry: the function behind CloudFront `/chat/stream` (its URL). */
  readonly chatStream: ServiceFunction;
  readonly content: ServiceFunction;
  readonly processor: ServiceFunction;
  readonly staleJobSweeper: ServiceFunction;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const { config, keys, network, database } = props;
    const egress = { subnetType: SubnetType.PRIVATE_WITH_EGRESS };
    const isolated = { subnetType: SubnetType.PRIVATE_ISOLATED };
    const common = { stage: config.stage, vpc: network.vpc, logsKey: keys.logs, logRetention: props.logRetention };

    const databaseEnv = {
      // RDS Proxy with IAM auth: no password in the URL, a token per connection (DATABASE_IAM_AUTH).
      DATABASE_URL: Fn.join('', [`postgresql://${config.database.appLoginUser}@`, database.proxy.endpoint, `:${DATABASE_PORT}/${DATABASE_NAME}`]),
      DATABASE_SSL: 'verify-full',
      DATABASE_IAM_AUTH: 'true',
    };
    const phiEnv = { PHI_KMS_KEY_ARN: keys.phi.keyArn };
    const verifierEnv = { ACCESS_TOKEN_ISSUER: props.accessTokenIssuer, ACCESS_TOKEN_JWKS_URL: props.accessTokenJwksUrl };
    const documentsEnv = {
      DOCUMENTS_BUCKET: props.tempDocuments.bucketName,
      DOCUMENTS_KMS_KEY_ID: keys.documents.keyArn,
      PROCESSING_QUEUE_URL: props.processingQueue.queue.queueUrl,
    };
    const bedrockEnv = {
      BEDROCK_DOCUMENT_MODEL_ID: config.bedrock.documentModelId,
      BEDROCK_CHAT_MODEL_ID: config.bedrock.chatModelId,
      COST_TABLE_NAME: props.costTable.tableName,
    };
    const processorEnv = {
      PROCESSING_MAX_RECEIVES: String(MAX_RECEIVE_COUNT),
      PROCESSING_BUDGET_MS: String(PROCESSOR_TIMEOUT.toMilliseconds()),
    };
    const service = (name: string) => ({ POWERTOOLS_SERVICE_NAME: name });
    const apiConcurrency = config.functions.reservedConcurrency;
    const provisioned = config.functions.provisionedConcurrency;

    this.auth = new ServiceFunction(this, 'Auth', {
      ...common,
      name: 'auth',
      description: 'Sign-in with Google, token refresh and logout, the JWKS',
      timeout: Duration.seconds(15),
      memorySize: 512,
      reservedConcurrency: apiConcurrency,
      subnets: egress,
      environment: {
        ...service('auth'),
        ...databaseEnv,
        ...phiEnv,
        GOOGLE_CLIENT_IDS: config.googleClientIds.join(','),
        GOOGLE_ISSUERS: GOOGLE_ISSUERS.join(','),
        GOOGLE_JWKS_URL,
        ACCESS_TOKEN_ISSUER: props.accessTokenIssuer,
        ACCESS_TOKEN_SIGNER: Fn.join('', ['kms:', keys.accessToken.keyId]),
      },
    });

    this.documents = new ServiceFunction(this, 'Documents', {
      ...common,
      name: 'documents',
      description: 'Document upload (202 + job) and job status',
      timeout: MAX_API_FUNCTION_TIMEOUT,
      memorySize: 1024,
      reservedConcurrency: apiConcurrency,
      provisionedConcurrency: provisioned,
      subnets: egress,
      environment: { ...service('documents'), ...databaseEnv, ...documentsEnv, ...verifierEnv },
    });

    // The chat service twice: buffered behind the HTTP API, streaming behind its function URL.
    // Same code, environment and grants; each sets its request budget 2 s under its own timeout
    // (and the model call 2 s under that), so the service answers 504 itself instead of dying.
    const chatFunction = (id: string, props: { name: FunctionKey; description: string; timeout: Duration; provisionedConcurrency?: number }) => {
      const budgetMs = props.timeout.toMilliseconds() - CHAT_DEADLINE_MARGIN_MS;
      return new ServiceFunction(this, id, {
        ...common,
        ...props,
        memorySize: 1024,
        reservedConcurrency: apiConcurrency,
        subnets: egress,
        environment: {
          ...service('chat'),
          ...databaseEnv,
          ...phiEnv,
          ...bedrockEnv,
          ...verifierEnv,
          CHAT_REQUEST_BUDGET_MS: String(budgetMs),
          BEDROCK_TIMEOUT_MS: String(budgetMs - CHAT_DEADLINE_MARGIN_MS),
        },
      });
    };
    this.chat = chatFunction('Chat', {
      name: 'chat',
      description: 'Questions about a result, answered by the chat model',
      timeout: MAX_API_FUNCTION_TIMEOUT,
      provisionedConcurrency: provisioned,
    });
    // No provisioned concurrency: the stream's first byte waits for the model anyway, and its
    // reserved concurrency keeps it from starving the API functions.
    this.chatStream = chatFunction('ChatStream', {
      name: 'chat-stream',
      description: 'Questions about a result, the answer streamed as server-sent events (function URL behind CloudFront /chat/stream)',
      timeout: CHAT_STREAM_TIMEOUT,
    });

    this.content = new ServiceFunction(this, 'Content', {
      ...common,
      name: 'content',
      description: 'Timeline, results, subscription status, account export and erasure',
      timeout: MAX_API_FUNCTION_TIMEOUT,
      memorySize: 1024,
      reservedConcurrency: apiConcurrency,
      subnets: egress,
      environment: { ...service('content'), ...databaseEnv, ...phiEnv, ...documentsEnv, ...verifierEnv, COST_TABLE_NAME: props.costTable.tableName },
    });

    this.processor = new ServiceFunction(this, 'Processor', {
      ...common,
      name: 'processor',
      description: 'Interprets an uploaded document with the document model (SQS, one message at a time)',
      timeout: PROCESSOR_TIMEOUT,
      memorySize: 2048,
      reservedConcurrency: config.functions.processorReservedConcurrency,
      subnets: isolated,
      environment: {
        ...service('processor'),
        ...databaseEnv,
        ...phiEnv,
        ...documentsEnv,
        ...bedrockEnv,
        ...processorEnv,
        // 60 s of the 180 s stay for validation, encryption and the database writes.
        BEDROCK_TIMEOUT_MS: String(PROCESSOR_TIMEOUT.toMilliseconds() - 60_000),
      },
    });

    this.staleJobSweeper = new ServiceFunction(this, 'StaleJobSweeper', {
      ...common,
      name: 'stale-job-sweeper',
      description: 'Every 5 minutes: re-queues or fails document jobs whose worker or message was lost',
      timeout: Duration.seconds(60),
      memorySize: 256,
      // One sweep at a time is enough, and two would race for the same stale jobs.
      reservedConcurrency: 1,
      subnets: isolated,
      environment: { ...service('stale-job-sweeper'), ...databaseEnv, ...documentsEnv, ...processorEnv },
    });

    // Network: every function reaches RDS Proxy on 5432 and HTTPS (endpoints, gateway endpoints,
    // and through NAT for the egress-subnet functions); nothing reaches a function.
    for (const fn of this.all()) {
      allowDatabase(fn.securityGroup, database);
      // Egress only, to any address: AWS service and gateway-endpoint addresses are public
      // ranges, and the egress functions reach Google's and our own key sets through NAT.
      fn.securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(HTTPS_PORT), 'HTTPS: AWS endpoints, S3 and DynamoDB gateway endpoints, the internet through NAT where routed');
      network.allowEndpointsFrom(fn.securityGroup, `HTTPS from ${fn.functionName}`);
      database.proxy.grantConnect(fn.role, config.database.appLoginUser);
    }

    // PHI envelope encryption: the Encryption SDK generates data keys and decrypts them, nothing else.
    const chats = [this.chat, this.chatStream];
    for (const fn of [this.auth, ...chats, this.content, this.processor]) keys.phi.grant(fn.role, 'kms:GenerateDataKey', 'kms:Decrypt');
    keys.accessToken.grant(this.auth.role, 'kms:Sign', 'kms:GetPublicKey');

    // Temp documents: objects under jobs/ only (one object per job, named by the job id).
    const objects = props.tempDocuments.arnForObjects(`${DOCUMENT_OBJECT_PREFIX}*`);
    allow(this.documents.role, 'StoreUploadedDocuments', ['s3:PutObject', 's3:GetObject'], [objects]); // GetObject authorises HeadObject
    // The processor (after success) and erasure delete every version of an original (the bucket
    // is versioned; a plain delete only hides it), so they list versions, under jobs/ only, and
    // delete them by version id.
    allow(this.processor.role, 'ReadAndDeleteProcessedDocuments', ['s3:GetObject', 's3:DeleteObject', 's3:DeleteObjectVersion'], [objects]);
    allow(this.content.role, 'EraseAccountDocuments', ['s3:DeleteObject', 's3:DeleteObjectVersion'], [objects]);
    for (const fn of [this.processor, this.content]) {
      fn.role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'ListDocumentVersions',
          effect: Effect.ALLOW,
          actions: ['s3:ListBucketVersions'],
          resources: [props.tempDocuments.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${DOCUMENT_OBJECT_PREFIX}*`] } },
        }),
      );
    }

    // The documents key (temp bucket objects, queue messages) and the processing queue:
    // sending needs GenerateDataKey, receiving and reading objects Decrypt.
    for (const fn of [this.documents, this.staleJobSweeper, this.processor]) {
      keys.documents.grant(fn.role, 'kms:GenerateDataKey', 'kms:Decrypt');
      allow(fn.role, 'SendProcessingMessages', ['sqs:SendMessage'], [props.processingQueue.queue.queueArn]);
    }
    this.processor.function.addEventSource(
      new SqsEventSource(props.processingQueue.queue, { batchSize: 1, reportBatchItemFailures: true, enabled: true }),
    );

    // Bedrock: each function only its own model (profile + the foundation models it routes to).
    const region = config.region;
    for (const fn of chats) allow(fn.role, 'InvokeChatModel', [...BEDROCK_INVOKE_ACTIONS], bedrockModelArns(region, Aws.ACCOUNT_ID, [config.bedrock.chatModelId]));
    allow(this.processor.role, 'InvokeDocumentModel', [...BEDROCK_INVOKE_ACTIONS], bedrockModelArns(region, Aws.ACCOUNT_ID, [config.bedrock.documentModelId]));

    // The cost table (encrypted with the PHI key, which these roles already use).
    const table = props.costTable.tableArn;
    const monthlyIndex = `${table}/index/*`; // the table's indexes (monthly-usage-index)
    for (const fn of chats) allow(fn.role, 'RecordAndReadLlmUsage', ['dynamodb:PutItem', 'dynamodb:Query'], [table, monthlyIndex]);
    allow(this.processor.role, 'RecordLlmUsage', ['dynamodb:PutItem'], [table]);
    allow(this.content.role, 'ReadAndEraseLlmUsage', ['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem'], [table, monthlyIndex]);
    for (const fn of [...chats, this.processor, this.content]) keys.phi.grant(fn.role, 'kms:Encrypt', 'kms:DescribeKey');

    // Every 5 minutes, the sweeper.
    new Rule(this, 'StaleJobSweeperSchedule', {
      ruleName: `serenya-${config.stage}-stale-job-sweeper`,
      description: 'Runs the stale-job sweeper every 5 minutes',
      schedule: SWEEPER_SCHEDULE,
      targets: [new LambdaFunction(this.staleJobSweeper.function, { retryAttempts: 0 })],
    });
  }

  /** Every function, API and background alike. */
  all(): ServiceFunction[] {
    return [this.auth, this.documents, this.chat, this.chatStream, this.content, this.processor, this.staleJobSweeper];
  }

  /** The functions behind the HTTP API, by service (chat-stream is not: CloudFront reaches its URL). */
  api(): Record<ApiService, ServiceFunction> {
    return { auth: this.auth, documents: this.documents, chat: this.chat, content: this.content };
  }
}

function allowDatabase(functionSecurityGroup: ISecurityGroup, database: SerenyaDatabase): void {
  functionSecurityGroup.addEgressRule(database.proxySecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL to RDS Proxy');
  database.proxySecurityGroup.addIngressRule(functionSecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL from a Serenya function');
}

function allow(role: IRole, sid: string, actions: string[], resources: string[]): void {
  role.addToPrincipalPolicy(new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources }));
}

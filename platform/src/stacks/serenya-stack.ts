/**
 * The main stack of a stage (`Serenya`, stack name `serenya-<stage>`): composition only. Each
 * construct holds the resources its folder names; this file wires them in dependency order.
 *
 * @example
 * ```ts
 * new SerenyaStack(stage, 'Serenya', { config, env: { region: config.region }, webAcl });
 * ```
 * @module
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnNatGateway, Port } from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { logRetention as logRetentionFor } from '../log-retention.ts';
import type { StageConfig } from '../stage-config.ts';
import { SerenyaAlarms } from '../constructs/alarms/serenya-alarms.ts';
import { AlarmTopics } from '../constructs/alarms/alarm-topics.ts';
import { AuditTrail } from '../constructs/audit-trail/audit-trail.ts';
import { SerenyaBackupPlan } from '../constructs/backup/backup-plan.ts';
import { CostTable } from '../constructs/cost-table/cost-table.ts';
import { SerenyaDashboard } from '../constructs/dashboards/serenya-dashboard.ts';
import { SerenyaEdge } from '../constructs/edge/serenya-edge.ts';
import { DATABASE_PORT, SerenyaDatabase } from '../constructs/database/serenya-database.ts';
import { PROCESSOR_TIMEOUT, ServiceFunctions } from '../constructs/functions/service-functions.ts';
import { SerenyaHttpApi } from '../constructs/http-api/serenya-http-api.ts';
import { keyAlias, SerenyaKeys } from '../constructs/keys/serenya-keys.ts';
import { HTTPS_PORT, SerenyaNetwork } from '../constructs/network/serenya-network.ts';
import { ProcessingQueue } from '../constructs/processing-queue/processing-queue.ts';
import { SerenyaStorage } from '../constructs/storage/serenya-storage.ts';

export interface SerenyaStackProps extends StackProps {
  readonly config: StageConfig;
  /** The CloudFront web ACL (us-east-1 stack). */
  readonly webAclArn: string;
  /** The distribution's certificate (us-east-1 stack), when the stage has a domain. */
  readonly certificate?: ICertificate;
  /** The backup-region vault that receives the daily copies. */
  readonly copyVaultArn: string;
}

export class SerenyaStack extends Stack {
  readonly keys: SerenyaKeys;
  readonly network: SerenyaNetwork;
  readonly database: SerenyaDatabase;
  readonly storage: SerenyaStorage;
  readonly processingQueue: ProcessingQueue;
  readonly costTable: CostTable;
  readonly httpApi: SerenyaHttpApi;
  readonly functions: ServiceFunctions;
  readonly edge: SerenyaEdge;
  readonly auditTrail: AuditTrail;
  readonly backup: SerenyaBackupPlan;
  readonly alarms: SerenyaAlarms;

  constructor(scope: Construct, id: string, props: SerenyaStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = logRetentionFor(config.logRetentionDays);

    this.keys = new SerenyaKeys(this, 'Keys', { stage: config.stage });
    this.network = new SerenyaNetwork(this, 'Network', {
      stage: config.stage,
      region: config.region,
      logsKey: this.keys.logs,
      logRetention,
      databasePort: DATABASE_PORT,
      bedrockModelIds: [config.bedrock.documentModelId, config.bedrock.chatModelId],
    });
    this.database = new SerenyaDatabase(this, 'Database', {
      stage: config.stage,
      vpc: this.network.vpc,
      storageKey: this.keys.rdsStorage,
      logsKey: this.keys.logs,
      logRetention,
      ...config.database,
    });
    this.network.allowEndpointsFrom(this.database.proxySecurityGroup, 'HTTPS from RDS Proxy (Secrets Manager)');
    this.network.allowEndpointsFrom(this.database.rotationSecurityGroup, 'HTTPS from the secret rotation function (Secrets Manager)');
    this.database.proxySecurityGroup.addEgressRule(this.network.endpointsSecurityGroup, Port.tcp(HTTPS_PORT), 'HTTPS to the interface endpoints (Secrets Manager, KMS)');
    this.database.rotationSecurityGroup.addEgressRule(this.network.endpointsSecurityGroup, Port.tcp(HTTPS_PORT), 'HTTPS to the interface endpoints (Secrets Manager, KMS)');

    this.storage = new SerenyaStorage(this, 'Storage', { keys: this.keys, logRetentionDays: config.logRetentionDays });
    this.processingQueue = new ProcessingQueue(this, 'ProcessingQueue', { stage: config.stage, key: this.keys.documents, processorTimeout: PROCESSOR_TIMEOUT });
    this.costTable = new CostTable(this, 'CostTable', { stage: config.stage, key: this.keys.phi });

    this.httpApi = new SerenyaHttpApi(this, 'HttpApi', {
      stage: config.stage,
      logsKey: this.keys.logs,
      logRetention,
      throttleRateLimit: config.api.throttleRateLimit,
      throttleBurstLimit: config.api.throttleBurstLimit,
      allowedOrigins: webOrigins(config),
    });
    const issuer = config.domain ? `https://${config.domain.apiDomain}` : this.httpApi.endpoint;
    const jwksUrl = `${issuer}/.well-known/jwks.json`;

    this.functions = new ServiceFunctions(this, 'Functions', {
      config,
      keys: this.keys,
      network: this.network,
      database: this.database,
      tempDocuments: this.storage.tempDocuments,
      processingQueue: this.processingQueue,
      costTable: this.costTable.table,
      logRetention,
      accessTokenIssuer: issuer,
      accessTokenJwksUrl: jwksUrl,
    });
    this.httpApi.addRoutes(this.functions.api(), issuer);

    this.edge = new SerenyaEdge(this, 'Edge', {
      config,
      webBucket: this.storage.webConsole,
      apiEndpoint: this.httpApi.endpoint,
      chatStream: this.functions.chatStream.function,
      webAclArn: props.webAclArn,
      ...(props.certificate ? { certificate: props.certificate } : {}),
    });
    this.auditTrail = new AuditTrail(this, 'AuditTrail', {
      stage: config.stage,
      bucket: this.storage.cloudTrail,
      logsKey: this.keys.logs,
      tempDocuments: this.storage.tempDocuments,
      logRetention,
    });
    this.backup = new SerenyaBackupPlan(this, 'Backup', {
      stage: config.stage,
      key: this.keys.backup,
      copyVaultArn: props.copyVaultArn,
      database: this.database.instance,
      costTable: this.costTable.table,
    });

    const topics = new AlarmTopics(this, 'AlarmTopics', { stage: config.stage, key: this.keys.alarms, emails: config.alarmEmails });
    // A timeout alarm on every function but the stale-job sweeper.
    const timeoutWatched = this.functions.all().filter((fn) => fn !== this.functions.staleJobSweeper);
    this.alarms = new SerenyaAlarms(this, 'Alarms', {
      topics: topics.topics,
      inputs: {
        stage: config.stage,
        apiId: this.httpApi.api.apiId,
        functionTimeouts: timeoutWatched.map((fn) => ({ key: fn.name, functionName: fn.functionName, timeoutSeconds: fn.timeout.toSeconds() })),
        databaseInstanceIdentifier: this.database.instanceIdentifier,
        flowLogGroupName: this.network.flowLogGroup.logGroupName,
        deadLetterQueueName: this.processingQueue.deadLetterQueue.queueName,
        llmCostCentsPerHour: config.llmCostAlarmCentsPerHour,
      },
    });
    new SerenyaDashboard(this, 'Dashboard', {
      stage: config.stage,
      apiId: this.httpApi.api.apiId,
      functionNames: Object.fromEntries(this.functions.all().map((fn) => [fn.name, fn.functionName])),
      databaseInstanceIdentifier: this.database.instanceIdentifier,
      tempBucketName: this.storage.tempDocuments.bucketName,
      natGatewayId: natGatewayId(this.network),
    });

    const apiUrl = config.domain ? `https://${config.domain.apiDomain}` : `https://${this.edge.distribution.distributionDomainName}`;
    const webUrl = config.domain ? `https://${config.domain.webDomain}` : this.edge.webUrl;
    const outputs: Array<[string, string, string]> = [
      ['ApiUrl', apiUrl, 'The API, through CloudFront and WAF'],
      ['WebUrl', webUrl, 'The web console'],
      ['HttpApiEndpoint', this.httpApi.endpoint, 'The HTTP API itself (the access-token issuer without a custom domain)'],
      ['ChatStreamUrl', `${apiUrl}/chat/stream`, 'Streaming chat (SSE) through CloudFront'],
      ['JwksUrl', jwksUrl, 'The access-token issuer key set'],
      ['AccessTokenIssuer', issuer, 'The iss of every access token'],
      ['TempBucketName', this.storage.tempDocuments.bucketName, 'Uploaded documents until processed'],
      ['WebConsoleBucketName', this.storage.webConsole.bucketName, 'Where the web console is deployed'],
      ['ProcessingQueueUrl', this.processingQueue.queue.queueUrl, 'Document processing queue'],
      ['ProcessingDeadLetterQueueUrl', this.processingQueue.deadLetterQueue.queueUrl, 'Document processing dead-letter queue'],
      ['CostTableName', this.costTable.table.tableName, 'LLM cost table'],
      ['DatabaseInstanceIdentifier', this.database.instanceIdentifier, 'RDS instance (the DR runbook restores it)'],
      ['DatabaseProxyEndpoint', this.database.proxy.endpoint, 'RDS Proxy (IAM auth, TLS)'],
      ['BackupVaultName', this.backup.vault.backupVaultName, 'Local AWS Backup vault'],
      ['BackupRoleArn', this.backup.role.roleArn, 'AWS Backup role (the DR runbook restores with it)'],
      ['PhiKeyAlias', keyAlias(config.stage, 'phi'), 'PHI column key'],
      ['DocumentsKeyAlias', keyAlias(config.stage, 'documents'), 'Temp bucket and queue key'],
      ['LogsKeyAlias', keyAlias(config.stage, 'logs'), 'Log groups, trail and access logs key'],
      ['AccessTokenKeyAlias', keyAlias(config.stage, 'access-token'), 'Access-token signing key (RSA_2048, RS256)'],
    ];
    for (const [outputId, value, description] of outputs) new CfnOutput(this, outputId, { value, description });
  }
}

function webOrigins(config: StageConfig): string[] {
  return [...config.webOrigins, ...(config.domain ? [`https://${config.domain.webDomain}`] : [])];
}

/** The NAT gateway's id (the dashboard's PacketsDropCount dimension). */
function natGatewayId(network: SerenyaNetwork): string {
  const gateway = network.vpc.node.findAll().find((child): child is CfnNatGateway => child instanceof CfnNatGateway);
  if (gateway === undefined) throw new Error('the VPC has no NAT gateway');
  return gateway.ref;
}

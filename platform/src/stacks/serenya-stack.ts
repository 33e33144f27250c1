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
import { Port } from 'aws-cdk-lib/aws-ec2';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { StageConfig } from '../stage-config.ts';
import { CostTable } from '../constructs/cost-table/cost-table.ts';
import { DATABASE_PORT, SerenyaDatabase } from '../constructs/database/serenya-database.ts';
import { ServiceFunctions } from '../constructs/functions/service-functions.ts';
import { SerenyaHttpApi } from '../constructs/http-api/serenya-http-api.ts';
import { SerenyaKeys } from '../constructs/keys/serenya-keys.ts';
import { HTTPS_PORT, SerenyaNetwork } from '../constructs/network/serenya-network.ts';
import { ProcessingQueue } from '../constructs/processing-queue/processing-queue.ts';
import { SerenyaStorage } from '../constructs/storage/serenya-storage.ts';
import { PROCESSOR_TIMEOUT } from '../constructs/functions/service-functions.ts';

export interface SerenyaStackProps extends StackProps {
  readonly config: StageConfig;
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

  constructor(scope: Construct, id: string, props: SerenyaStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = retentionDays(config.logRetentionDays);

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
    this.database.proxySecurityGroup.addEgressRule(this.network.endpointsSecurityGroup, httpsPort(), 'HTTPS to the interface endpoints (Secrets Manager, KMS)');
    this.database.rotationSecurityGroup.addEgressRule(this.network.endpointsSecurityGroup, httpsPort(), 'HTTPS to the interface endpoints (Secrets Manager, KMS)');

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
    this.httpApi.addRoutes(
      { auth: this.functions.auth, documents: this.functions.documents, chat: this.functions.chat, content: this.functions.content },
      issuer,
    );

    new CfnOutput(this, 'JwksUrl', { value: jwksUrl, description: 'The access-token issuer key set' });
  }
}

function retentionDays(days: number): RetentionDays {
  const known = Object.values(RetentionDays).filter((value): value is RetentionDays => typeof value === 'number' && value > 0);
  const match = known.find((value) => value === days);
  if (match === undefined) throw new Error(`logRetentionDays ${days} is not a CloudWatch Logs retention (${known.join(', ')})`);
  return match;
}

function webOrigins(config: StageConfig): string[] {
  return [...config.webOrigins, ...(config.domain ? [`https://${config.domain.webDomain}`] : [])];
}

function httpsPort(): Port {
  return Port.tcp(HTTPS_PORT);
}

/**
 * Where provisioning and the drift check send their AWS calls (moto locally), and the SDK
 * clients built for it. One set of clients per call of `provisionTemplate`, shared by every
 * resource, so connections are reused.
 * @module
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** moto's default account: queue URLs, ARNs and STS all use it unless MOTO_ACCOUNT_ID says otherwise. */
export const MOTO_DEFAULT_ACCOUNT_ID = '123456789012';

export interface AwsTarget {
  /** `http://127.0.0.1:<port>` of moto server. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** The account in ARNs. Default {@link MOTO_DEFAULT_ACCOUNT_ID}. */
  readonly accountId?: string;
}

export interface AwsClients {
  readonly kms: KMSClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly sns: SNSClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly secrets: SecretsManagerClient;
  /** Closes every client's sockets. */
  destroy(): void;
}

export function createAwsClients(aws: AwsTarget): AwsClients {
  const config = { endpoint: aws.endpoint, region: aws.region, credentials: { ...aws.credentials } };
  const clients = {
    kms: new KMSClient(config),
    // Path style: a `localhost` endpoint would otherwise go virtual-host and fail (MOTO.md §0).
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sqs: new SQSClient(config),
    dynamodb: new DynamoDBClient(config),
    sns: new SNSClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    secrets: new SecretsManagerClient(config),
  };
  return {
    ...clients,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}

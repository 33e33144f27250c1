/**
 * A realistic CDK-shaped template for the provisioning and alarm tests: one resource of every
 * type provisioning creates, some it skips, CDK's parameters, conditions and metadata, and the
 * intrinsic functions CDK writes. `suffix` keeps explicit names unique on a shared moto.
 * @module
 */
import type { CfnTemplate } from '../template/template-types.ts';

export function fixtureTemplate(suffix: string): CfnTemplate {
  const accountRoot = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] };
  return {
    Parameters: {
      BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
      Stage: { Type: 'String', Default: 'development' },
    },
    Conditions: {
      CDKMetadataAvailable: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
      IsProduction: { 'Fn::Equals': [{ Ref: 'Stage' }, 'production'] },
    },
    Resources: {
      DataKey: {
        Type: 'AWS::KMS::Key',
        Properties: {
          Description: 'PHI at rest',
          EnableKeyRotation: true,
          KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: accountRoot }, Action: 'kms:*', Resource: '*' }] },
        },
      },
      DataKeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: `alias/serenya-data-${suffix}`, TargetKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] } } },
      SigningKey: {
        Type: 'AWS::KMS::Key',
        Properties: {
          KeySpec: 'ECC_NIST_P256',
          KeyUsage: 'SIGN_VERIFY',
          KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: accountRoot }, Action: 'kms:*', Resource: '*' }] },
        },
      },
      AccessLogsBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
          LifecycleConfiguration: { Rules: [{ Id: 'expire-logs', Status: 'Enabled', ExpirationInDays: 90 }] },
        },
      },
      DocumentsBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: { 'Fn::Sub': `serenya-documents-\${Stage}-${suffix}` },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['DataKey', 'Arn'] } }, BucketKeyEnabled: true },
            ],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          LifecycleConfiguration: {
            Rules: [
              { Id: 'abort-uploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
              { Id: 'old-versions', Status: 'Enabled', Prefix: 'uploads/', NoncurrentVersionExpiration: { NoncurrentDays: 30 } },
              { Id: 'temporary', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 1 },
            ],
          },
          LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogsBucket' }, LogFilePrefix: 'documents/' },
          CorsConfiguration: { CorsRules: [{ AllowedMethods: ['PUT', 'GET'], AllowedOrigins: ['http://localhost:5173'], AllowedHeaders: ['*'], MaxAge: 3000 }] },
          Tags: [{ Key: 'DataClassification', Value: 'PHI' }],
        },
      },
      DocumentsBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'DocumentsBucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Deny',
                Principal: { AWS: '*' },
                Action: 's3:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
                Resource: [{ 'Fn::GetAtt': ['DocumentsBucket', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['DocumentsBucket', 'Arn'] }, '/*']] }],
              },
              { Effect: 'Allow', Principal: { AWS: accountRoot }, Action: 's3:GetObject', Resource: { 'Fn::Sub': '${DocumentsBucket.Arn}/*' } },
            ],
          },
        },
      },
      ProcessingDeadLetterQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: { KmsMasterKeyId: { Ref: 'DataKey' }, MessageRetentionPeriod: 1209600 },
      },
      ProcessingQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: `serenya-processing-${suffix}`,
          KmsMasterKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
          KmsDataKeyReusePeriodSeconds: 300,
          VisibilityTimeout: 360,
          MessageRetentionPeriod: 345600,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['ProcessingDeadLetterQueue', 'Arn'] }, maxReceiveCount: 3 },
        },
      },
      ProcessingQueuePolicy: {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: {
          Queues: [{ Ref: 'ProcessingQueue' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['ProcessingQueue', 'Arn'] } }],
          },
        },
      },
      CostTrackingTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: { 'Fn::Join': ['-', ['serenya-llm-cost-tracking', { Ref: 'Stage' }, suffix]] },
          KeySchema: [
            { AttributeName: 'userId', KeyType: 'HASH' },
            { AttributeName: 'timestamp', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            { AttributeName: 'userId', AttributeType: 'S' },
            { AttributeName: 'timestamp', AttributeType: 'N' },
            { AttributeName: 'month', AttributeType: 'S' },
          ],
          BillingMode: 'PAY_PER_REQUEST',
          GlobalSecondaryIndexes: [
            {
              IndexName: 'monthly-usage-index',
              KeySchema: [
                { AttributeName: 'userId', KeyType: 'HASH' },
                { AttributeName: 'month', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['costCents', 'model'] },
            },
          ],
          LocalSecondaryIndexes: [
            {
              IndexName: 'by-month',
              KeySchema: [
                { AttributeName: 'userId', KeyType: 'HASH' },
                { AttributeName: 'month', KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          ],
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { Ref: 'DataKey' } },
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          DeletionProtectionEnabled: { 'Fn::If': ['IsProduction', true, false] },
        },
      },
      SessionsTable: {
        Type: 'AWS::DynamoDB::GlobalTable',
        Properties: {
          KeySchema: [{ AttributeName: 'sessionId', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'sessionId', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
          Replicas: [{ Region: 'eu-west-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
          TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        },
      },
      AlarmTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: {
          DisplayName: 'Serenya alarms',
          KmsMasterKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
          Subscription: [{ Protocol: 'email', Endpoint: 'oncall@example.com' }],
        },
      },
      AlarmTopicQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
      AlarmTopicQueueSubscription: {
        Type: 'AWS::SNS::Subscription',
        Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['AlarmTopicQueue', 'Arn'] } },
      },
      ProcessorLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: {
          LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'ProcessorFunction' }]] },
          RetentionInDays: 2557,
          KmsKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
        },
      },
      ProcessingErrorsAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmName: `serenya-processing-errors-${suffix}`,
          AlarmDescription: 'Document processing errors',
          Namespace: 'Serenya/Errors',
          MetricName: 'ErrorsByCategory',
          Dimensions: [{ Name: 'Category', Value: 'processing' }],
          Statistic: 'Sum',
          Period: 60,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: 'AlarmTopic' }],
          OKActions: [{ Ref: 'AlarmTopic' }],
        },
      },
      ProcessorErrorRateAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: 'Processor error rate over 10 %',
          Metrics: [
            { Id: 'errors', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ProcessorFunction' } }] }, Period: 300, Stat: 'Sum' }, ReturnData: false },
            { Id: 'invocations', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ProcessorFunction' } }] }, Period: 300, Stat: 'Sum' }, ReturnData: false },
            { Id: 'rate', Expression: '100 * errors / invocations', Label: 'Error rate', ReturnData: true },
          ],
          EvaluationPeriods: 1,
          Threshold: 10,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: 'AlarmTopic' }],
        },
      },
      DeadLettersAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmName: `serenya-dead-letters-${suffix}`,
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['ProcessingDeadLetterQueue', 'QueueName'] } }],
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [{ Ref: 'AlarmTopic' }],
        },
      },
      DatabaseConnectionsAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/RDS',
          MetricName: 'DatabaseConnections',
          Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'serenya-development-db' }],
          Statistic: 'Average',
          Period: 300,
          EvaluationPeriods: 3,
          Threshold: 80,
          ComparisonOperator: 'GreaterThanThreshold',
        },
      },
      DatabaseSecret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: {
          Description: 'PostgreSQL administrator',
          KmsKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
          GenerateSecretString: { SecretStringTemplate: '{"username":"serenya_admin"}', GenerateStringKey: 'password', PasswordLength: 30, ExcludeCharacters: '"@/\\' },
        },
      },
      ProcessorRole: {
        Type: 'AWS::IAM::Role',
        Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
      },
      ProcessorFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: `serenya-processor-${suffix}`,
          Role: { 'Fn::GetAtt': ['ProcessorRole', 'Arn'] },
          Runtime: 'nodejs24.x',
          Handler: 'index.handler',
          Code: { S3Bucket: { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: 'abc.zip' },
          Environment: { Variables: { QUEUE_URL: { Ref: 'ProcessingQueue' }, TABLE: { Ref: 'CostTrackingTable' } } },
        },
        Metadata: { 'serenya:entry': 'services/documents/src/processor/handler.ts', 'serenya:handler': 'handler' },
      },
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
      ProductionOnlyTopic: { Type: 'AWS::SNS::Topic', Condition: 'IsProduction', Properties: {} },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:abc' }, Condition: 'CDKMetadataAvailable' },
    },
    Outputs: {
      DocumentsBucketName: { Value: { Ref: 'DocumentsBucket' } },
    },
  };
}

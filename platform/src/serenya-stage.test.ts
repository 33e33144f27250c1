import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SerenyaStage } from './serenya-stage.ts';
import { parseStageConfig } from './stage-config.ts';
import { cdkJsonContext } from './cdk-json-context.ts';
import { resourcesOf, synthesizedStages, unbundledApp } from './testing/synthesized-stages.ts';

const { development, production } = synthesizedStages();

describe('stages', () => {
  it('both synthesize: main stack in eu-west-1, WAF in us-east-1, backup vault in eu-central-1', () => {
    for (const [name, { stage }] of [
      ['development', development],
      ['production', production],
    ] as const) {
      expect(stage.main.stackName).toBe(`serenya-${name}`);
      expect(stage.main.region).toBe('eu-west-1');
      expect(stage.edgeSecurity.region).toBe('us-east-1');
      expect(stage.backupVault.region).toBe('eu-central-1');
      expect(stage.main.node.id).toBe('Serenya');
    }
  });

  it('production runs the database Multi-AZ; development single-AZ', () => {
    production.template.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: true, DBInstanceClass: 'db.r6g.large' });
    development.template.hasResourceProperties('AWS::RDS::DBInstance', { MultiAZ: false });
  });

  it('PostgreSQL 18 with the design’s backup, maintenance and monitoring settings, private, IAM auth, TLS forced', () => {
    development.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EngineVersion: Match.stringLikeRegexp('^18'),
      BackupRetentionPeriod: 30,
      PreferredBackupWindow: '03:00-04:00',
      PreferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      DeletionProtection: true,
      PubliclyAccessible: false,
      EnableIAMDatabaseAuthentication: true,
      EnablePerformanceInsights: true,
      MonitoringInterval: 60,
      EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
    development.template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    development.template.hasResourceProperties('AWS::RDS::DBProxy', { RequireTLS: true, DefaultAuthScheme: 'IAM_AUTH', EngineFamily: 'POSTGRESQL' });
    development.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
  });

  it('the cost table is the design’s: keys, GSI, TTL, PITR, on demand', () => {
    development.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'serenya-development-llm-cost-tracking',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'timestamp', KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'monthly-usage-index', Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['inputTokens', 'outputTokens', 'totalCost'] } }),
      ],
    });
  });

  it('the audit trail is multi-region, validated, encrypted, in CloudWatch Logs, with temp-bucket data events and insights', () => {
    development.template.hasResourceProperties('AWS::CloudTrail::Trail', {
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      KMSKeyId: Match.anyValue(),
      S3KeyPrefix: 'cloudtrail-logs',
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
      EventSelectors: Match.arrayWith([Match.objectLike({ IncludeManagementEvents: true, ReadWriteType: 'All', DataResources: [Match.objectLike({ Type: 'AWS::S3::Object' })] })]),
    });
  });

  it('backs up RDS and the cost table daily, 35 days here and 365 days in the backup region', () => {
    const plan = resourcesOf(development.template, 'AWS::Backup::BackupPlan')[0]?.[1].Properties.BackupPlan as { BackupPlanRule: Array<Record<string, unknown>> };
    expect(plan.BackupPlanRule).toEqual([
      expect.objectContaining({
        ScheduleExpression: 'cron(0 2 * * ? *)',
        Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [{ DestinationBackupVaultArn: expect.anything() as unknown, Lifecycle: { DeleteAfterDays: 365 } }],
      }),
    ]);
    expect(JSON.stringify(plan.BackupPlanRule[0]?.CopyActions)).toContain(':backup:eu-central-1:');
    const selection = JSON.stringify(resourcesOf(development.template, 'AWS::Backup::BackupSelection')[0]?.[1].Properties);
    expect(selection).toContain('arn:');
    expect(selection).toMatch(/:rds:.*:db:/);
    expect(selection).toContain('CostTable');
    development.backupVaultTemplate.hasResourceProperties('AWS::Backup::BackupVault', { BackupVaultName: 'serenya-development-dr-vault' });
  });

  it('CloudFront with a custom domain: the us-east-1 certificate, SNI, TLS 1.2+, both names', () => {
    const app = unbundledApp();
    const config = parseStageConfig('production', {
      ...(cdkJsonContext()['serenya:stages'] as Record<string, unknown>).production as object,
      domain: { hostedZoneId: 'Z0EXAMPLE', zoneName: 'serenya.example', apiDomain: 'api.serenya.example', webDomain: 'app.serenya.example' },
    });
    const stage = new SerenyaStage(app, 'Production', { config });
    Template.fromStack(stage.main).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['app.serenya.example', 'api.serenya.example'],
        ViewerCertificate: { AcmCertificateArn: Match.anyValue(), MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    Template.fromStack(stage.edgeSecurity).hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'app.serenya.example',
      SubjectAlternativeNames: ['api.serenya.example'],
    });
    // The issuer is then the API's own name, a literal the JWT authorizer and the services share.
    Template.fromStack(stage.main).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { JwtConfiguration: { Issuer: 'https://api.serenya.example', Audience: ['serenya-api'] } });
  });

  it('CloudFront: the us-east-1 web ACL, API and streaming chat behaviours, OAC for the bucket', () => {
    development.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: Match.anyValue(),
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({ PathPattern: '/chat/stream', FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })] }),
          Match.objectLike({ PathPattern: '/auth/*', ViewerProtocolPolicy: 'https-only' }),
        ]),
      }),
    });
    development.template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' });
    // API GETs carry the bearer token: the API behaviours' cache policy must forward Authorization.
    development.template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({ HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] } }),
      }),
    });
    development.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
  });

  it('WAF: the three managed groups and a per-IP rate rule, logged to an aws-waf-logs- group', () => {
    development.edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({ Name: 'AWSManagedRulesAmazonIpReputationList' }),
        Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
        Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }),
        Match.objectLike({ Name: 'RateLimitPerIp', Statement: { RateBasedStatement: Match.objectLike({ Limit: 1000, AggregateKeyType: 'IP' }) } }),
      ]),
    });
    development.edgeTemplate.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
  });

  it('outputs what a client needs', () => {
    const outputs = Object.keys(development.template.findOutputs('*'));
    for (const name of ['ApiUrl', 'WebUrl', 'TempBucketName', 'ProcessingQueueUrl', 'CostTableName', 'JwksUrl', 'PhiKeyAlias', 'AccessTokenKeyAlias']) {
      expect(outputs).toContain(name);
    }
  });
});

/**
 * Every acknowledged compliance finding, in one place, each with the reason a reviewer would
 * accept and where the decision is written down. platform/bin/app.ts calls
 * {@link applyAcknowledgements} once, after every stage and stack exists (an acknowledgement
 * must be set on a construct that already exists). The checkov explanations are applied here
 * too, for the same reason.
 *
 * Rules for an entry: the exact finding id (one IAM5 action or resource per entry, never a
 * whole rule when the rule is granular), on the narrowest construct that holds every occurrence,
 * a reason of at least 40 characters that says why the finding cannot or should not be fixed,
 * and a reference.
 * @module
 */
import type { App } from 'aws-cdk-lib';
import { applyAcknowledgement, packOf, stagesOf, type Acknowledgement } from './acknowledgement.ts';
import { CHECKOV_EXPLANATIONS } from './checkov-explanations.ts';
import { ALL_FUNCTIONS, API_FUNCTIONS, distributionOnDefaultCertificate } from './finders.ts';
import { applyCheckovSkip } from './checkov-skip.ts';

/** One entry per function for findings every function shares for the same reason. */
const perFunction = (
  names: readonly string[],
  entry: (name: string) => Omit<Acknowledgement, 'at'> & { at?: string },
): Acknowledgement[] => names.map((name) => ({ at: `Serenya/Functions/${name}`, ...entry(name) }));

/** ChatStream is reached through its function URL behind CloudFront (streamed response); the others through the HTTP API. */
const synchronousApi = (name: string): string =>
  `invoked synchronously by ${name === 'ChatStream' ? 'its function URL behind CloudFront (a streamed response)' : 'the HTTP API'}: a failure returns to the caller as an error response, and Lambda dead-letter queues only ever receive asynchronous invocations, so a DLQ here would stay empty`;

/** CloudWatch Logs' stream names are made per container by Lambda; the group itself is named. */
const logStreamAck = (name: string, logicalId: string): Acknowledgement => ({
  pack: 'AwsSolutions',
  finding: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:log-stream:*]`,
  at: `Serenya/Functions/${name}/Role`,
  reason: `logs:CreateLogStream/PutLogEvents on the ${name} function's own log group only; stream names are created per execution environment by Lambda and cannot be known at deploy time`,
  reference: 'COMPLIANCE.md §3.1 (IAM5)',
});

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [
  // --- Identity and access -------------------------------------------------------------------
  {
    pack: 'HIPAA.Security',
    finding: 'HIPAA.Security-IAMNoInlinePolicy',
    at: 'Serenya',
    reason:
      'CDK renders every grant as one inline policy per role, reviewed as code in this repository; wildcards are policed separately by AwsSolutions-IAM5, and a customer-managed policy attached to a single role adds no isolation',
    reference: 'COMPLIANCE.md §2 (IAMNoInlinePolicy)',
  },
  ...ALL_FUNCTIONS.map(
    (name): Acknowledgement => ({
      pack: 'AwsSolutions',
      finding: 'AwsSolutions-IAM5[Resource::*]',
      at: `Serenya/Functions/${name}/Role`,
      reason:
        'two statements only: xray:PutTraceSegments/PutTelemetryRecords, which accept no resource ARN, and the ec2 network-interface actions Lambda needs to attach the function to the VPC, which IAM cannot scope to an ENI that does not exist yet',
      reference: 'COMPLIANCE.md §3.1 (IAM5: X-Ray and ENI actions)',
    }),
  ),
  logStreamAck('Auth', 'FunctionsAuthLogGroup4B301831'),
  logStreamAck('Documents', 'FunctionsDocumentsLogGroup914F3372'),
  logStreamAck('Chat', 'FunctionsChatLogGroupDA1BAB53'),
  logStreamAck('ChatStream', 'FunctionsChatStreamLogGroup64692602'),
  logStreamAck('Content', 'FunctionsContentLogGroupA9E99E77'),
  logStreamAck('Processor', 'FunctionsProcessorLogGroupC3745071'),
  logStreamAck('StaleJobSweeper', 'FunctionsStaleJobSweeperLogGroupE10DDEB1'),
  ...['Documents', 'Content', 'Processor'].map(
    (name): Acknowledgement => ({
      pack: 'AwsSolutions',
      finding: 'AwsSolutions-IAM5[Resource::<StorageTempDocumentsBucket66A8B7E1.Arn>/jobs/*]',
      at: `Serenya/Functions/${name}/Role`,
      reason:
        'object access limited to the jobs/ prefix of the temporary documents bucket; each upload gets a new job-id key at run time, so no fixed object ARN exists to name at deploy time',
      reference: 'COMPLIANCE.md §3.1 (IAM5: bucket prefix)',
    }),
  ),
  ...['Chat', 'ChatStream', 'Content'].map(
    (name): Acknowledgement => ({
      pack: 'AwsSolutions',
      finding: 'AwsSolutions-IAM5[Resource::<CostTable20BB9BFB.Arn>/index/*]',
      at: `Serenya/Functions/${name}/Role`,
      reason:
        "CDK's table grant adds <table>/index/* for queries; the cost table has a single index (monthly-usage-index), so the wildcard reaches exactly that index of exactly this table",
      reference: 'COMPLIANCE.md §3.1 (IAM5: table indexes)',
    }),
  ),
  {
    pack: 'AwsSolutions',
    finding: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:RDSOSMetrics:log-stream:*]',
    at: 'Serenya/Database/EnhancedMonitoringRole',
    reason:
      'RDS enhanced monitoring names one stream per DB instance resource id inside the fixed RDSOSMetrics group; the resource id is assigned at creation, so the stream cannot be named before the instance exists',
    reference: 'COMPLIANCE.md §2 (RDSEnhancedMonitoringEnabled)',
  },
  ...['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores'].map(
    (policy): Acknowledgement => ({
      pack: 'AwsSolutions',
      finding: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
      at: 'Serenya/Backup',
      reason: `${policy} is the documented AWS Backup service role policy for RDS and DynamoDB ${policy.endsWith('Restores') ? 'restores' : 'backups'}; AWS maintains it as the services change, and the role is assumable only by backup.amazonaws.com`,
      reference: 'COMPLIANCE.md §3.1 (IAM4: Backup selection role)',
    }),
  ),
  ...[
    ['POST--auth--google', 'exchanges a Google ID token for our tokens: the caller has no token of ours yet'],
    ['POST--auth--refresh', 'exchanges a refresh token (verified by the auth service) for a new access token: the access token has expired by design'],
    ['GET--.well-known--jwks.json', 'serves the public key set the JWT authorizer itself uses to verify tokens; it holds no secret and no PHI'],
    ['GET--.well-known--openid-configuration', 'serves the issuer discovery document the JWT authorizer reads; public metadata without PHI'],
  ].map(
    ([route, why]): Acknowledgement => ({
      pack: 'AwsSolutions',
      finding: 'AwsSolutions-APIG4',
      at: `Serenya/HttpApi/Api/${route}`,
      reason: `pre-authentication route: ${why}. Covered by the WAF rate rule and the stage throttling instead`,
      reference: 'COMPLIANCE.md §3.1 (APIG4); ORIGINAL-DESIGN.md auth endpoints',
    }),
  ),
  // --- Network --------------------------------------------------------------------------------
  ...['publicSubnet1', 'publicSubnet2'].map(
    (subnet): Acknowledgement => ({
      pack: 'HIPAA.Security',
      finding: 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      at: `Serenya/Network/Vpc/${subnet}/DefaultRoute`,
      reason:
        "the public subnets hold only the NAT gateway that gives the auth function egress to Google's key endpoint; no workload ENI lives there, and RDS and the other functions sit in isolated subnets without any internet route",
      reference: 'COMPLIANCE.md §2 (VPCNoUnrestrictedRouteToIGW); issue 6 Network',
    }),
  ),
  {
    pack: 'AwsSolutions',
    finding: 'AwsSolutions-VPC3',
    at: 'Serenya/Network/IsolatedSubnetAcl',
    reason:
      'the network ACLs on the isolated subnets are defence in depth required by the original design (database port and HTTPS to the endpoints only); security groups remain the primary control',
    reference: 'COMPLIANCE.md §3.1 (VPC3); ORIGINAL-DESIGN.md network ACLs',
  },
  // --- Data -----------------------------------------------------------------------------------
  ...(['HIPAA.Security-RDSMultiAZSupport', 'AwsSolutions-RDS3'] as const).map(
    (finding): Acknowledgement => ({
      pack: packOf(finding),
      finding,
      at: 'Serenya/Database/Instance',
      stages: ['Development'],
      reason:
        'development holds synthetic data only and a standby doubles its cost; production sets multiAz from its stage config and is checked by the same rule without this acknowledgement',
      reference: 'COMPLIANCE.md §2 (RDSMultiAZSupport); cdk.json serenya:stages',
    }),
  ),
  {
    pack: 'AwsSolutions',
    finding: 'AwsSolutions-RDS11',
    at: 'Serenya/Database/Instance',
    reason:
      'the default PostgreSQL port is reachable only from the RDS Proxy security group inside isolated subnets; a non-default port would be obscurity, not a control, and the proxy and local emulator speak 5432',
    reference: 'COMPLIANCE.md §3.1 (RDS11)',
  },
  {
    pack: 'HIPAA.Security',
    finding: 'HIPAA.Security-S3BucketReplicationEnabled',
    at: 'Serenya/Storage/TempDocuments',
    reason:
      'uploaded documents (PHI) live here for at most one day and are deleted once processed; a second-region copy would widen exposure, and recovery is a re-upload by the user',
    reference: 'COMPLIANCE.md §2 (S3BucketReplicationEnabled: temp bucket)',
  },
  {
    pack: 'HIPAA.Security',
    finding: 'HIPAA.Security-S3BucketReplicationEnabled',
    at: 'Serenya/Storage/WebConsole',
    reason:
      'the web console bucket holds the static build of a public single-page app and no PHI; it is rebuilt and redeployed from the repository, which is its backup',
    reference: 'issue 6 Edge (web console bucket)',
  },
  {
    pack: 'HIPAA.Security',
    finding: 'HIPAA.Security-S3BucketReplicationEnabled',
    at: 'Serenya/Storage/AccessLogs',
    reason:
      'server access logs are versioned, KMS-encrypted operational evidence, not a system of record; for the one bucket that holds PHI (temp documents) every object request is also recorded by the CloudTrail data events',
    reference: 'COMPLIANCE.md §2 (S3BucketReplicationEnabled: access-log bucket)',
  },
  {
    pack: 'HIPAA.Security',
    finding: 'HIPAA.Security-S3BucketReplicationEnabled',
    at: 'Serenya/Storage/CloudTrail',
    reason:
      'trail files are versioned, digest-validated and delivered a second time to CloudWatch Logs (KMS, retention); S3 already stores them across three or more zones, and a copy in a second region would need a second logs key and grants for no new protection against tampering',
    reference: 'COMPLIANCE.md §2 (S3BucketReplicationEnabled: trail bucket)',
  },
  // --- Functions and queues -------------------------------------------------------------------
  ...perFunction(API_FUNCTIONS, (name) => ({ pack: 'HIPAA.Security', finding: 'HIPAA.Security-LambdaDLQ', reason: synchronousApi(name), reference: 'COMPLIANCE.md §2 (LambdaDLQ)' })),
  ...perFunction(API_FUNCTIONS, (name) => ({ pack: 'Serverless', finding: 'Serverless-LambdaDLQ', reason: synchronousApi(name), reference: 'COMPLIANCE.md §2 (LambdaDLQ)' })),
  ...(['HIPAA.Security-LambdaDLQ', 'Serverless-LambdaDLQ'] as const).flatMap((finding): Acknowledgement[] => [
    {
      pack: packOf(finding),
      finding,
      at: 'Serenya/Functions/Processor',
      reason:
        "the processor is fed by an SQS event source mapping, which is a synchronous poller: failed messages go to the processing queue's own redrive dead-letter queue after 3 receives, never to a function DLQ",
      reference: 'COMPLIANCE.md §2 (LambdaDLQ: processor)',
    },
    {
      pack: packOf(finding),
      finding,
      at: 'Serenya/Functions/StaleJobSweeper',
      reason:
        'the sweeper runs on a schedule and is idempotent: a failed run changes nothing and the next scheduled run sweeps the same stale jobs again, so a parked event would carry no information',
      reference: 'issue 6 Compute (stale job sweeper)',
    },
  ]),
  {
    pack: 'Serverless',
    finding: 'Serverless-LambdaEventSourceMappingDestination',
    at: 'Serenya/Functions/Processor',
    reason:
      'Lambda supports on-failure destinations only for stream and Kafka sources; for an SQS source the queue redrive policy (3 receives, then the dead-letter queue) is the failure destination',
    reference: 'COMPLIANCE.md §3.1 (SQS3); issue 6 Queue',
  },
  {
    pack: 'Serverless',
    finding: 'Serverless-EventBusDLQ',
    at: 'Serenya/Functions/StaleJobSweeperSchedule',
    reason:
      'the schedule target is the idempotent stale-job sweeper: a delivery that fails is superseded by the next scheduled run minutes later, so parking the event in a queue would add nothing',
    reference: 'issue 6 Compute (stale job sweeper)',
  },
  {
    pack: 'Serverless',
    finding: 'Serverless-SQSRedrivePolicy',
    at: 'Serenya/ProcessingQueue/DeadLetterQueue',
    reason:
      'this queue is the dead-letter queue of the processing queue, the end of the line: it has an age alarm, and a redrive policy on it would only move failed jobs to a third queue',
    reference: 'COMPLIANCE.md §3.1 (SQS3: a same-stack DLQ target)',
  },
  {
    pack: 'Serverless',
    finding: 'Serverless-SNSRedrivePolicy',
    at: 'Serenya/AlarmTopics',
    reason:
      'alarm e-mail subscriptions: an alarm replayed from a queue hours later has no value; the alarm state stays in CloudWatch, the source of truth, and on the dashboard, whatever the mail delivery did',
    reference: 'issue 6 Observability (SNS topics)',
  },
  // --- Edge -----------------------------------------------------------------------------------
  {
    pack: 'AwsSolutions',
    finding: 'AwsSolutions-CFR1',
    at: 'Serenya/Edge/Distribution',
    reason:
      'patients travel and must reach their own records from abroad; country blocking would lock them out without stopping an attacker, while the WAF IP-reputation and rate-based rules do the abuse control',
    reference: 'COMPLIANCE.md §3.1 (CFR1)',
  },
  {
    pack: 'AwsSolutions',
    finding: 'AwsSolutions-CFR3',
    at: 'Serenya/Edge/Distribution',
    reason:
      'every request through CloudFront is logged by the WAF web ACL (client IP, URI, headers, action) to an encrypted log group, and every API call again by the HTTP API access log; legacy S3 logging would need an ACL-enabled bucket',
    reference: 'COMPLIANCE.md §3.1 (CFR3: CloudWatch-delivered logs instead)',
  },
  ...(['AwsSolutions-CFR4', 'Serenya-CloudFrontViewerTls12'] as const).map(
    (finding): Acknowledgement => ({
      pack: packOf(finding),
      finding,
      at: distributionOnDefaultCertificate,
      reason:
        'no custom domain is configured for this stage (serenya:stages.<stage>.domain), so CloudFront can only serve its default *.cloudfront.net certificate; TLSv1.2_2021 is already set and applies the moment a domain and its us-east-1 certificate exist. Applied only while the default certificate is in use; for production that is a release blocker',
      reference: 'COMPLIANCE.md §3.1 (CFR4: default certificate); issue 6 Edge',
    }),
  ),
];

/** Applies every acknowledgement and checkov explanation to the constructs it names. */
export function applyAcknowledgements(app: App): void {
  const stages = stagesOf(app);
  for (const ack of ACKNOWLEDGEMENTS) applyAcknowledgement(stages, ack);
  for (const skip of CHECKOV_EXPLANATIONS) applyCheckovSkip(stages, skip);
}

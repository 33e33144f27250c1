/**
 * The HIPAA matrix: each implementation specification of 45 CFR 164.312 → the controls in this
 * stack → the rules that check them at synth (cdk-nag HIPAA.Security / AwsSolutions / Serverless,
 * the project pack, checkov) → the runtime tests that prove them. The report generator verifies
 * every link ({@link verifyMatrix}): a test file or title that does not exist, or a rule id no
 * pack has, shows as a gap. Where no synth-time rule can exist (identity, sessions), the row says
 * why instead of naming one.
 * @module
 */

export interface TestLink {
  /** Path from the repository root. */
  readonly file: string;
  /** The test's title exactly as written (for `it.each`, the template with its `%s`). */
  readonly title: string;
}

export interface MatrixRow {
  readonly section: string;
  readonly name: string;
  /** Standard (no separate specifications), Required, or Addressable (§164.306(d)(3)). */
  readonly kind: 'Standard' | 'Required' | 'Addressable';
  readonly controls: readonly string[];
  /** Finding ids of the packs (`HIPAA.Security-…`, `AwsSolutions-…`, `Serverless-…`, `Serenya-…`) and checkov ids (`CKV_AWS_…`). */
  readonly rules: readonly string[];
  /** Why no synth-time rule can check this row (instead of rules). */
  readonly noRuleBecause?: string;
  readonly tests: readonly TestLink[];
  /** A row whose runtime evidence is not written yet says what will bring it; the report shows it as a gap. */
  readonly awaitingTests?: string;
}

const OWNERSHIP: TestLink = { file: 'services/ownership.integration.test.ts', title: '%s: the stranger gets 404 NOT_FOUND, the same as for a missing id' };
const NO_CROSS_USER_LISTING: TestLink = { file: 'services/ownership.integration.test.ts', title: "never lists another user's results in the timeline" };
const UNAUTHENTICATED_401: TestLink = { file: 'services/shared/src/http/middleware/require-auth.test.ts', title: 'answers 401 UNAUTHORIZED for %s' };
const RAW_SELECT: TestLink = { file: 'services/shared/src/content/lab-content.integration.test.ts', title: 'contains none of the plaintext strings, as bytes, as escaped text or as hex' };
const CIPHERTEXT_AT_REST: TestLink = {
  file: 'services/shared/src/crypto/phi-cipher.integration.test.ts',
  title: 'writes ciphertext that contains neither the plaintext bytes nor its base64, but only ids in the header',
};
const TAMPER: TestLink = { file: 'services/shared/src/crypto/phi-cipher.integration.test.ts', title: 'refuses the ciphertext with any one of a spread of bytes flipped (header, data key, body, signature)' };
const SWAPPED_VALUES: TestLink = { file: 'services/shared/src/content/lab-content.integration.test.ts', title: "refuses two lab values whose value_enc were swapped, though both are the owner's" };
const APPEND_ONLY_AUDIT: TestLink = { file: 'services/shared/src/db/migrations.integration.test.ts', title: 'refuses UPDATE and DELETE even from the table owner' };
const AUDITED_READ: TestLink = { file: 'services/content/src/routes/get-content.integration.test.ts', title: 'answers the whole interpretation with its lab values, and audits the read' };
const AUDITED_STRANGER: TestLink = { file: 'services/documents/src/routes/get-job.integration.test.ts', title: 'audits reads: success for the owner, failure (NOT_FOUND) for a stranger' };
const SIGN_IN_AUDIT: TestLink = { file: 'services/auth/src/routes/google-sign-in.integration.test.ts', title: 'writes a success audit row with the user as actor' };
const BY_GOOGLE_SUB: TestLink = { file: 'services/auth/src/routes/google-sign-in.integration.test.ts', title: 'finds the user again by Google sub, never by e-mail' };
const SUBJECT_ON_CONTEXT: TestLink = { file: 'services/shared/src/http/middleware/require-auth.test.ts', title: 'puts the token subject on the context' };
const REFRESH_ROTATION: TestLink = { file: 'services/auth/src/routes/refresh.integration.test.ts', title: 'rotates: a new access token and a new refresh token, and the row stores only a hash' };
const REFRESH_REUSE: TestLink = { file: 'services/auth/src/routes/refresh.integration.test.ts', title: 'revokes the whole family when a rotated token is reused' };
const REFRESH_EXPIRED: TestLink = { file: 'services/auth/src/routes/refresh.integration.test.ts', title: 'rejects an unknown, a malformed and an expired token with 401 INVALID_REFRESH_TOKEN' };
const FAMILY_LIFETIME: TestLink = { file: 'services/auth/src/routes/refresh.integration.test.ts', title: 'sets a 30-day absolute family lifetime that rotation does not extend' };
const LOGOUT: TestLink = { file: 'services/auth/src/routes/refresh.integration.test.ts', title: 'revokes the family: 204, then the refresh token no longer works, and it is audited' };
const GOOGLE_SIGNATURE: TestLink = { file: 'services/auth/src/routes/google-sign-in.integration.test.ts', title: 'rejects a tampered signature' };
const GOOGLE_ALG_NONE: TestLink = { file: 'services/auth/src/routes/google-sign-in.integration.test.ts', title: 'rejects alg: none' };
const GOOGLE_HS256: TestLink = { file: 'services/auth/src/routes/google-sign-in.integration.test.ts', title: 'rejects an HS256 token signed with the public key as the HMAC secret' };
const DB_TLS: TestLink = { file: 'services/shared/src/db/create-pool.test.ts', title: 'verifies the server certificate unless told otherwise' };
const RDS_IAM_TOKEN: TestLink = { file: 'services/shared/src/db/rds-iam-auth-token.test.ts', title: 'signs an rds-db connect token for that host, port, user and region, valid 15 minutes' };
const ENCRYPTION_CONTEXT: TestLink = { file: 'services/shared/src/crypto/phi-context.test.ts', title: 'refuses a missing pair, a different value or an extra pair' };
const PROCESSED_ENCRYPTED: TestLink = {
  file: 'services/processor/src/processor.integration.test.ts',
  title: 'goes queued → completed with the flags the model gives, encrypted at rest, its original deleted, audited and costed',
};

// Synth-level evidence from the platform's own tests.
const DR_DB_DRY_RUN: TestLink = { file: 'platform/src/disaster-recovery/runbook.test.ts', title: 'database-failure --dry-run prints every step (restore, swap, proxy, recycle) and calls nothing' };
const DR_REGION_DRY_RUN: TestLink = { file: 'platform/src/disaster-recovery/runbook.test.ts', title: 'region-failure --dry-run restores the copied recovery points in the backup region' };
const BACKUP_PLAN: TestLink = { file: 'platform/src/serenya-stage.test.ts', title: 'backs up RDS and the cost table daily, 35 days here and 365 days in the backup region' };
const RDS_SETTINGS: TestLink = { file: 'platform/src/serenya-stage.test.ts', title: 'PostgreSQL 18 with the design’s backup, maintenance and monitoring settings, private, IAM auth, TLS forced' };
const AUDIT_TRAIL: TestLink = { file: 'platform/src/serenya-stage.test.ts', title: 'the audit trail is multi-region, validated, encrypted, in CloudWatch Logs, with temp-bucket data events and insights' };
const CLOUDFRONT_TLS: TestLink = { file: 'platform/src/serenya-stage.test.ts', title: 'CloudFront with a custom domain: the us-east-1 certificate, SNI, TLS 1.2+, both names' };
const WAF_RULES: TestLink = { file: 'platform/src/serenya-stage.test.ts', title: 'WAF: the three managed groups and a per-IP rate rule, logged to an aws-waf-logs- group' };

export const HIPAA_MATRIX: readonly MatrixRow[] = [
  {
    section: '164.312(a)(1)',
    name: 'Access control',
    kind: 'Standard',
    controls: [
      'JWT authorizer on every HTTP API route but sign-in, refresh and the key set',
      'per-user row ownership in every query (a stranger gets the same 404 as a missing id)',
      'functions and RDS in isolated subnets; security groups SG-to-SG only; no public buckets',
      'least-privilege roles, no wildcard without a written reason',
      'WAF web ACL in front of CloudFront',
    ],
    rules: [
      'HIPAA.Security-IAMNoInlinePolicy',
      'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
      'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess',
      'HIPAA.Security-LambdaInsideVPC',
      'HIPAA.Security-LambdaFunctionPublicAccessProhibited',
      'HIPAA.Security-RDSInstancePublicAccess',
      'HIPAA.Security-S3BucketLevelPublicAccessProhibited',
      'HIPAA.Security-EC2RestrictedCommonPorts',
      'AwsSolutions-IAM5',
      'AwsSolutions-APIG4',
      'Serenya-CloudFrontWebAcl',
      'CKV_AWS_53',
    ],
    tests: [OWNERSHIP, NO_CROSS_USER_LISTING, UNAUTHENTICATED_401, WAF_RULES],
  },
  {
    section: '164.312(a)(2)(i)',
    name: 'Unique user identification',
    kind: 'Required',
    controls: ['users keyed by the Google subject (`sub`), never by e-mail', 'the token subject is the actor on every audit row'],
    rules: [],
    noRuleBecause:
      'identity is application data, not infrastructure: no template property can show that users are unique. The HIPAA pack itself maps only the account-level root-key Config rule here.',
    tests: [BY_GOOGLE_SUB, SUBJECT_ON_CONTEXT, SIGN_IN_AUDIT],
  },
  {
    section: '164.312(a)(2)(ii)',
    name: 'Emergency access procedure',
    kind: 'Required',
    controls: ['AWS Backup plan (daily, 35 days, cross-region copy 365 days)', 'RDS automated backups and deletion protection', 'DR runbook script with --dry-run'],
    rules: ['HIPAA.Security-RDSInBackupPlan', 'HIPAA.Security-DynamoDBInBackupPlan', 'HIPAA.Security-RDSInstanceBackupEnabled', 'HIPAA.Security-RDSInstanceDeletionProtectionEnabled', 'HIPAA.Security-DynamoDBPITREnabled'],
    tests: [DR_DB_DRY_RUN, DR_REGION_DRY_RUN, BACKUP_PLAN],
  },
  {
    section: '164.312(a)(2)(iii)',
    name: 'Automatic logoff',
    kind: 'Addressable',
    controls: ['15-minute access tokens', 'refresh tokens rotated on every use, reuse revokes the family', '30-day absolute session lifetime', 'logout revokes the family'],
    rules: [],
    noRuleBecause: 'session lifetime lives in the auth service and its tokens, not in any resource property a template scanner sees.',
    tests: [REFRESH_ROTATION, REFRESH_REUSE, REFRESH_EXPIRED, FAMILY_LIFETIME, LOGOUT],
  },
  {
    section: '164.312(a)(2)(iv)',
    name: 'Encryption and decryption',
    kind: 'Addressable',
    controls: [
      'PHI columns encrypted by the services with KMS data keys (AEAD, encryption context bound to owner and row)',
      'RDS, S3, SQS, SNS, Secrets Manager, DynamoDB, CloudTrail and log groups on customer-managed KMS keys with rotation',
    ],
    rules: [
      'HIPAA.Security-RDSStorageEncrypted',
      'HIPAA.Security-S3DefaultEncryptionKMS',
      'HIPAA.Security-CloudWatchLogGroupEncrypted',
      'HIPAA.Security-SecretsManagerUsingKMSKey',
      'HIPAA.Security-SNSEncryptedKMS',
      'HIPAA.Security-CloudTrailEncryptionEnabled',
      'AwsSolutions-SQS2',
      'AwsSolutions-KMS5',
      'Serenya-SqsQueueCustomerManagedKey',
      'Serenya-KmsSymmetricKeyRotation',
      'Serenya-LogGroupEncryptedWithRetention',
      'CKV_AWS_119',
      'CKV_AWS_27',
      'CKV_AWS_158',
    ],
    tests: [RAW_SELECT, CIPHERTEXT_AT_REST, PROCESSED_ENCRYPTED],
  },
  {
    section: '164.312(b)',
    name: 'Audit controls',
    kind: 'Standard',
    controls: [
      'append-only audit_events table: every PHI read and write, with actor and outcome',
      'CloudTrail (multi-region, file validation, to CloudWatch Logs)',
      'HTTP API access logs, VPC flow logs, S3 access logs, WAF logs',
      'log groups with retention and KMS; alarms with actions',
    ],
    rules: [
      'HIPAA.Security-CloudTrailCloudWatchLogsEnabled',
      'HIPAA.Security-CloudWatchLogGroupRetentionPeriod',
      'HIPAA.Security-CloudWatchAlarmAction',
      'HIPAA.Security-S3BucketLoggingEnabled',
      'HIPAA.Security-VPCFlowLogsEnabled',
      'HIPAA.Security-WAFv2LoggingEnabled',
      'AwsSolutions-APIG1',
      'Serenya-HttpApiStageAccessLogging',
      'Serenya-LogGroupEncryptedWithRetention',
    ],
    tests: [APPEND_ONLY_AUDIT, AUDITED_READ, AUDITED_STRANGER, SIGN_IN_AUDIT, AUDIT_TRAIL],
  },
  {
    section: '164.312(c)(1)',
    name: 'Integrity',
    kind: 'Standard',
    controls: ['S3 versioning', 'CloudTrail log file validation', 'RDS deletion protection and backups', 'append-only audit table'],
    rules: ['HIPAA.Security-S3BucketVersioningEnabled', 'HIPAA.Security-CloudTrailLogFileValidationEnabled', 'HIPAA.Security-RDSInstanceDeletionProtectionEnabled'],
    tests: [APPEND_ONLY_AUDIT, SWAPPED_VALUES],
  },
  {
    section: '164.312(c)(2)',
    name: 'Mechanism to authenticate electronic protected health information',
    kind: 'Addressable',
    controls: ['AEAD tag plus an encryption context (owner, row, column) on every PHI value: a moved or altered ciphertext does not decrypt', 'CloudTrail digest files'],
    rules: ['HIPAA.Security-CloudTrailLogFileValidationEnabled', 'HIPAA.Security-S3BucketVersioningEnabled', 'CKV_AWS_36'],
    tests: [TAMPER, SWAPPED_VALUES, ENCRYPTION_CONTEXT],
  },
  {
    section: '164.312(d)',
    name: 'Person or entity authentication',
    kind: 'Standard',
    controls: ['Google ID-token verification (signature, issuer, audience, expiry)', 'our own ES256/RS256 access tokens checked by the JWT authorizer and the services', 'RDS IAM authentication through the proxy'],
    rules: ['AwsSolutions-APIG4', 'CKV_AWS_161'],
    tests: [GOOGLE_SIGNATURE, GOOGLE_ALG_NONE, GOOGLE_HS256, UNAUTHENTICATED_401, RDS_IAM_TOKEN],
  },
  {
    section: '164.312(e)(1)',
    name: 'Transmission security',
    kind: 'Standard',
    controls: ['TLS 1.2+ at CloudFront with our certificate', 'TLS-only policies on every bucket and queue', 'private subnets, VPC endpoints, no public route for workloads'],
    rules: [
      'HIPAA.Security-S3BucketSSLRequestsOnly',
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
      'HIPAA.Security-VPCDefaultSecurityGroupClosed',
      'HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled',
      'Serenya-CloudFrontViewerTls12',
      'Serenya-SqsQueueTlsOnlyPolicy',
      'AwsSolutions-SQS4',
    ],
    tests: [DB_TLS, RDS_SETTINGS, CLOUDFRONT_TLS],
  },
  {
    section: '164.312(e)(2)(i)',
    name: 'Integrity controls (in transit)',
    kind: 'Addressable',
    controls: ['TLS everywhere (AEAD cipher suites only at CloudFront)', 'PostgreSQL connections verify the server certificate'],
    rules: ['HIPAA.Security-S3BucketSSLRequestsOnly', 'Serenya-CloudFrontViewerTls12', 'Serenya-SqsQueueTlsOnlyPolicy', 'AwsSolutions-CFR4'],
    tests: [DB_TLS, CLOUDFRONT_TLS],
  },
  {
    section: '164.312(e)(2)(ii)',
    name: 'Encryption (in transit)',
    kind: 'Addressable',
    controls: ['HTTPS-only viewer and origin protocols at CloudFront', 'TLS-only bucket, queue and topic policies', 'TLS to RDS through the proxy'],
    rules: ['HIPAA.Security-S3BucketSSLRequestsOnly', 'Serenya-CloudFrontViewerTls12', 'Serenya-SqsQueueTlsOnlyPolicy', 'AwsSolutions-CFR4', 'AwsSolutions-SNS3'],
    tests: [DB_TLS, RDS_IAM_TOKEN],
  },
];

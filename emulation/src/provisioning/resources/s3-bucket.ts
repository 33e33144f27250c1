/**
 * `AWS::S3::Bucket`: everything moto's CloudFormation drops (versioning, public access block,
 * lifecycle, bucket key) plus encryption, CORS, ownership, tags and access logging, through the
 * S3 API. CloudFormation's property shapes differ from the API's; the mapping is below.
 * @module
 */
import {
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  PutBucketAclCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketLoggingCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type CORSRule,
  type LifecycleRule,
  type ObjectOwnership,
  type ServerSideEncryptionRule,
} from '@aws-sdk/client-s3';
import { generatePhysicalName } from '../physical-names.ts';
import {
  cfnTags,
  createOrAdopt,
  DifferenceList,
  optionalBoolean,
  optionalList,
  optionalRecord,
  optionalString,
  scalarString,
  type ProvisionContext,
  type ResourceHandler,
} from '../resource-handler.ts';

type Properties = Readonly<Record<string, unknown>>;

export const s3BucketHandler: ResourceHandler = {
  type: 'AWS::S3::Bucket',
  async provision(context, logicalId, properties) {
    const { clients, region } = context;
    const bucket =
      optionalString(properties, 'BucketName') ?? generatePhysicalName({ stackName: context.stackName, logicalId, maxLength: 63, lowerCase: true });
    const create = () =>
      clients.s3.send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint },
          ObjectLockEnabledForBucket: optionalBoolean(properties, 'ObjectLockEnabled'),
        }),
      );
    // An existing bucket is configured afresh below: every Put replaces the previous setting.
    await createOrAdopt(create, ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'], () => Promise.resolve(undefined));
    await configureBucket(context, logicalId, bucket, properties);
    return {
      logicalId,
      type: 'AWS::S3::Bucket',
      ref: bucket,
      attributes: {
        Arn: `arn:aws:s3:::${bucket}`,
        DomainName: `${bucket}.s3.amazonaws.com`,
        RegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
        DualStackDomainName: `${bucket}.s3.dualstack.${region}.amazonaws.com`,
        WebsiteURL: `http://${bucket}.s3-website-${region}.amazonaws.com`,
      },
    };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const bucket = resource.ref;
    const encryption = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })).catch(notConfigured);
    // An absent BucketKeyEnabled reads back as false.
    const withBucketKeyFlag = (rules: ServerSideEncryptionRule[] | undefined) => rules?.map((rule) => ({ ...rule, BucketKeyEnabled: rule.BucketKeyEnabled ?? false }));
    differences.expect('BucketEncryption', withBucketKeyFlag(encryptionRules(properties)), withBucketKeyFlag(encryption?.ServerSideEncryptionConfiguration?.Rules));
    const versioning = await clients.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    differences.expect('VersioningConfiguration.Status', optionalRecord(properties, 'VersioningConfiguration')?.Status, versioning.Status);
    const publicAccess = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })).catch(notConfigured);
    differences.expect('PublicAccessBlockConfiguration', publicAccessBlock(properties), publicAccess?.PublicAccessBlockConfiguration);
    const lifecycle = await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })).catch(notConfigured);
    differences.expect('LifecycleConfiguration', lifecycleRules(properties), lifecycle?.Rules?.map(withoutEmptyFilter));
    const cors = await clients.s3.send(new GetBucketCorsCommand({ Bucket: bucket })).catch(notConfigured);
    differences.expect('CorsConfiguration', corsRules(properties), cors?.CORSRules);
    const logging = await clients.s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
    const expectedLogging = optionalRecord(properties, 'LoggingConfiguration');
    differences.expect(
      'LoggingConfiguration',
      expectedLogging === undefined ? undefined : { TargetBucket: expectedLogging.DestinationBucketName, TargetPrefix: expectedLogging.LogFilePrefix ?? '' },
      logging.LoggingEnabled === undefined ? undefined : { TargetBucket: logging.LoggingEnabled.TargetBucket, TargetPrefix: logging.LoggingEnabled.TargetPrefix ?? '' },
    );
    return differences.differences;
  },
};

async function configureBucket(context: ProvisionContext, logicalId: string, bucket: string, properties: Properties): Promise<void> {
  const { s3 } = context.clients;
  const rules = encryptionRules(properties);
  if (rules !== undefined) await s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: rules } }));
  const versioning = optionalRecord(properties, 'VersioningConfiguration');
  if (versioning !== undefined) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: versioning.Status as 'Enabled' | 'Suspended' } }));
  }
  const publicAccess = publicAccessBlock(properties);
  if (publicAccess !== undefined) await s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: publicAccess }));
  const lifecycle = lifecycleRules(properties);
  if (lifecycle !== undefined) await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: lifecycle } }));
  const cors = corsRules(properties);
  if (cors !== undefined) await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: cors } }));
  const ownership = optionalList(optionalRecord(properties, 'OwnershipControls') ?? {}, 'Rules');
  if (ownership.length > 0) {
    await s3.send(
      new PutBucketOwnershipControlsCommand({
        Bucket: bucket,
        OwnershipControls: { Rules: ownership.map((rule) => ({ ObjectOwnership: rule.ObjectOwnership as ObjectOwnership })) },
      }),
    );
  }
  const tags = cfnTags(properties);
  if (tags.length > 0) await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: tags } }));
  const logging = optionalRecord(properties, 'LoggingConfiguration');
  if (logging !== undefined) {
    const target = optionalString(logging, 'DestinationBucketName') ?? bucket;
    const putLogging = () =>
      s3.send(
        new PutBucketLoggingCommand({
          Bucket: bucket,
          BucketLoggingStatus: { LoggingEnabled: { TargetBucket: target, TargetPrefix: optionalString(logging, 'LogFilePrefix') ?? '' } },
        }),
      );
    await putLogging().catch(async (error: unknown) => {
      if ((error as { name?: string }).name !== 'InvalidTargetBucketForLogging') throw error;
      // Moto checks the target's permission at this call, before the template's policy for the
      // log bucket (created later, or never without CDK) exists: grant the log-delivery group
      // by ACL, as AWS's older setup did, and try again.
      await grantLogDelivery(context, target);
      context.log(`${logicalId}: granted the S3 log-delivery group WRITE and READ_ACP on ${target} so moto accepts the logging configuration`);
      await putLogging();
    });
  }
  if (properties.NotificationConfiguration !== undefined) {
    context.log(`${logicalId}: NotificationConfiguration not applied (the local runtime delivers bucket events itself)`);
  }
}

const LOG_DELIVERY_GROUP = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

async function grantLogDelivery(context: ProvisionContext, target: string): Promise<void> {
  const { s3 } = context.clients;
  const acl = await s3.send(new GetBucketAclCommand({ Bucket: target }));
  const logDelivery = (permission: 'WRITE' | 'READ_ACP') => ({ Grantee: { Type: 'Group' as const, URI: LOG_DELIVERY_GROUP }, Permission: permission });
  await s3.send(
    new PutBucketAclCommand({
      Bucket: target,
      AccessControlPolicy: { Owner: acl.Owner, Grants: [...(acl.Grants ?? []), logDelivery('WRITE'), logDelivery('READ_ACP')] },
    }),
  );
}

/** CloudFormation `BucketEncryption.ServerSideEncryptionConfiguration` → the API's `Rules`. */
function encryptionRules(properties: Properties): ServerSideEncryptionRule[] | undefined {
  const configuration = optionalList(optionalRecord(properties, 'BucketEncryption') ?? {}, 'ServerSideEncryptionConfiguration');
  if (configuration.length === 0) return undefined;
  return configuration.map((rule) => {
    const defaults = optionalRecord(rule, 'ServerSideEncryptionByDefault');
    return {
      ApplyServerSideEncryptionByDefault:
        defaults === undefined
          ? undefined
          : { SSEAlgorithm: defaults.SSEAlgorithm as 'AES256' | 'aws:kms', KMSMasterKeyID: optionalString(defaults, 'KMSMasterKeyID') },
      BucketKeyEnabled: optionalBoolean(rule, 'BucketKeyEnabled'),
    };
  });
}

function publicAccessBlock(properties: Properties): Record<string, boolean> | undefined {
  const block = optionalRecord(properties, 'PublicAccessBlockConfiguration');
  if (block === undefined) return undefined;
  const flags = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;
  return Object.fromEntries(flags.map((flag) => [flag, optionalBoolean(block, flag) ?? false]));
}

/** CloudFormation lifecycle rules (flat `ExpirationInDays`, `Prefix`…) → the API's nested shape. */
function lifecycleRules(properties: Properties): LifecycleRule[] | undefined {
  const rules = optionalList(optionalRecord(properties, 'LifecycleConfiguration') ?? {}, 'Rules');
  if (rules.length === 0) return undefined;
  return rules.map((rule): LifecycleRule => {
    const prefix = optionalString(rule, 'Prefix');
    const tags = optionalList(rule, 'TagFilters').map((tag) => ({ Key: String(tag.Key), Value: String(tag.Value) }));
    const expirationDays = rule.ExpirationInDays === undefined ? undefined : Number(rule.ExpirationInDays);
    const expirationDate = optionalString(rule, 'ExpirationDate');
    const deleteMarker = optionalBoolean(rule, 'ExpiredObjectDeleteMarker');
    const noncurrent = optionalRecord(rule, 'NoncurrentVersionExpiration');
    const noncurrentDays = rule.NoncurrentVersionExpirationInDays ?? noncurrent?.NoncurrentDays;
    const abort = optionalRecord(rule, 'AbortIncompleteMultipartUpload');
    return {
      ID: optionalString(rule, 'Id'),
      Status: rule.Status as 'Enabled' | 'Disabled',
      Filter: tags.length > 0 ? { And: { Prefix: prefix, Tags: tags } } : { Prefix: prefix ?? '' },
      Expiration:
        expirationDays === undefined && expirationDate === undefined && deleteMarker === undefined
          ? undefined
          : { Days: expirationDays, Date: expirationDate === undefined ? undefined : new Date(expirationDate), ExpiredObjectDeleteMarker: deleteMarker },
      NoncurrentVersionExpiration:
        noncurrentDays === undefined
          ? undefined
          : {
              NoncurrentDays: Number(noncurrentDays),
              NewerNoncurrentVersions: noncurrent?.NewerNoncurrentVersions === undefined ? undefined : Number(noncurrent.NewerNoncurrentVersions),
            },
      Transitions: emptyToUndefined(
        optionalList(rule, 'Transitions').map((transition) => ({
          Days: transition.TransitionInDays === undefined ? undefined : Number(transition.TransitionInDays),
          Date: transition.TransitionDate === undefined ? undefined : new Date(scalarString(transition.TransitionDate)),
          StorageClass: transition.StorageClass as 'GLACIER',
        })),
      ),
      NoncurrentVersionTransitions: emptyToUndefined(
        optionalList(rule, 'NoncurrentVersionTransitions').map((transition) => ({
          NoncurrentDays: Number(transition.TransitionInDays),
          StorageClass: transition.StorageClass as 'GLACIER',
        })),
      ),
      AbortIncompleteMultipartUpload: abort === undefined ? undefined : { DaysAfterInitiation: Number(abort.DaysAfterInitiation) },
    };
  });
}

function corsRules(properties: Properties): CORSRule[] | undefined {
  const rules = optionalList(optionalRecord(properties, 'CorsConfiguration') ?? {}, 'CorsRules');
  if (rules.length === 0) return undefined;
  return rules.map((rule) => ({
    ID: optionalString(rule, 'Id'),
    AllowedMethods: rule.AllowedMethods as string[],
    AllowedOrigins: rule.AllowedOrigins as string[],
    AllowedHeaders: rule.AllowedHeaders as string[] | undefined,
    ExposeHeaders: rule.ExposedHeaders as string[] | undefined,
    MaxAgeSeconds: rule.MaxAge === undefined ? undefined : Number(rule.MaxAge),
  }));
}

function emptyToUndefined<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

/** moto echoes `Filter: {}`-less rules and dates as Date objects; compare on the same footing. */
function withoutEmptyFilter(rule: LifecycleRule): LifecycleRule {
  return { ...rule, Filter: rule.Filter ?? { Prefix: '' } };
}

/** "Not configured" answers (…NotFoundError, NoSuchLifecycleConfiguration…) read as absent. */
function notConfigured(error: unknown): undefined {
  const name = (error as { name?: string }).name ?? '';
  if (/NotFound|NoSuch/.test(name)) return undefined;
  throw error;
}

/**
 * `AWS::KMS::Key` and `AWS::KMS::Alias`: key spec and usage (JWT signing needs ECC_NIST_P256
 * SIGN_VERIFY, which moto's CloudFormation drops), the key policy as a JSON string (an object
 * policy through moto's CloudFormation breaks DescribeKey), rotation and its period, enabled.
 * @module
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  UpdateAliasCommand,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { cfnTags, createOrAdopt, DifferenceList, jsonDocument, optionalBoolean, optionalNumber, optionalString, type ResourceHandler } from '../resource-handler.ts';

export const kmsKeyHandler: ResourceHandler = {
  type: 'AWS::KMS::Key',
  async provision({ clients, log }, logicalId, properties) {
    const keySpec = optionalString(properties, 'KeySpec') ?? 'SYMMETRIC_DEFAULT';
    const { KeyMetadata } = await clients.kms.send(
      new CreateKeyCommand({
        KeySpec: keySpec as KeySpec,
        KeyUsage: (optionalString(properties, 'KeyUsage') ?? 'ENCRYPT_DECRYPT') as KeyUsageType,
        Description: optionalString(properties, 'Description'),
        Policy: jsonDocument(properties.KeyPolicy),
        MultiRegion: optionalBoolean(properties, 'MultiRegion'),
        Tags: cfnTags(properties).map((tag) => ({ TagKey: tag.Key, TagValue: tag.Value })),
      }),
    );
    const keyId = KeyMetadata?.KeyId;
    const arn = KeyMetadata?.Arn;
    if (keyId === undefined || arn === undefined) throw new Error(`KMS CreateKey for ${logicalId} returned no key id`);
    if (optionalBoolean(properties, 'EnableKeyRotation') === true) {
      if (keySpec !== 'SYMMETRIC_DEFAULT') log(`${logicalId}: rotation requested on a ${keySpec} key; AWS refuses that, moto accepts it`);
      await clients.kms.send(new EnableKeyRotationCommand({ KeyId: keyId, RotationPeriodInDays: optionalNumber(properties, 'RotationPeriodInDays') }));
    }
    if (optionalBoolean(properties, 'Enabled') === false) await clients.kms.send(new DisableKeyCommand({ KeyId: keyId }));
    return { logicalId, type: 'AWS::KMS::Key', ref: keyId, attributes: { Arn: arn, KeyId: keyId } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { KeyMetadata } = await clients.kms.send(new DescribeKeyCommand({ KeyId: resource.ref }));
    differences.expect('KeySpec', optionalString(properties, 'KeySpec') ?? 'SYMMETRIC_DEFAULT', KeyMetadata?.KeySpec);
    differences.expect('KeyUsage', optionalString(properties, 'KeyUsage') ?? 'ENCRYPT_DECRYPT', KeyMetadata?.KeyUsage);
    differences.expect('Enabled', optionalBoolean(properties, 'Enabled') ?? true, KeyMetadata?.Enabled);
    const rotation = await clients.kms.send(new GetKeyRotationStatusCommand({ KeyId: resource.ref }));
    differences.expect('EnableKeyRotation', optionalBoolean(properties, 'EnableKeyRotation') ?? false, rotation.KeyRotationEnabled ?? false);
    return differences.differences;
  },
};

export const kmsAliasHandler: ResourceHandler = {
  type: 'AWS::KMS::Alias',
  async provision({ clients, region, accountId }, logicalId, properties) {
    const aliasName = String(properties.AliasName);
    const target = { AliasName: aliasName, TargetKeyId: String(properties.TargetKeyId) };
    await createOrAdopt(() => clients.kms.send(new CreateAliasCommand(target)), ['AlreadyExistsException'], () => clients.kms.send(new UpdateAliasCommand(target)));
    return { logicalId, type: 'AWS::KMS::Alias', ref: aliasName, attributes: { Arn: `arn:aws:kms:${region}:${accountId}:${aliasName}` } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const target = String(properties.TargetKeyId);
    const { KeyMetadata } = await clients.kms.send(new DescribeKeyCommand({ KeyId: target }));
    const aliases = await clients.kms.send(new ListAliasesCommand({ KeyId: KeyMetadata?.KeyId }));
    const found = aliases.Aliases?.find((alias) => alias.AliasName === resource.ref);
    differences.expect('TargetKeyId', KeyMetadata?.KeyId, found?.TargetKeyId);
    return differences.differences;
  },
};

/**
 * `AWS::SecretsManager::Secret`: the template's `SecretString`, or a value made locally from
 * `GenerateSecretString` (template + generated key, length and excluded characters honoured).
 * Rotation schedules are not applied: moto's rotation without a Lambda empties the secret
 * (MOTO.md §8).
 * @module
 */
import { randomInt } from 'node:crypto';
import { CreateSecretCommand, DescribeSecretCommand, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { generatePhysicalName } from '../physical-names.ts';
import { cfnTags, createOrAdopt, DifferenceList, optionalBoolean, optionalNumber, optionalRecord, optionalString, type ResourceHandler } from '../resource-handler.ts';

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A password as Secrets Manager's GetRandomPassword would make it from the template's options. */
export function generateSecretValue(options: Readonly<Record<string, unknown>>): string {
  const length = optionalNumber(options, 'PasswordLength') ?? 32;
  const excluded = new Set(optionalString(options, 'ExcludeCharacters') ?? '');
  let alphabet = '';
  if (optionalBoolean(options, 'ExcludeLowercase') !== true) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (optionalBoolean(options, 'ExcludeUppercase') !== true) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (optionalBoolean(options, 'ExcludeNumbers') !== true) alphabet += '0123456789';
  if (optionalBoolean(options, 'ExcludePunctuation') !== true) alphabet += PUNCTUATION;
  if (optionalBoolean(options, 'IncludeSpace') === true) alphabet += ' ';
  const characters = [...alphabet].filter((character) => !excluded.has(character));
  const password = Array.from({ length }, () => characters[randomInt(characters.length)]).join('');
  const template = optionalString(options, 'SecretStringTemplate');
  const key = optionalString(options, 'GenerateStringKey');
  if (template === undefined || key === undefined) return password;
  return JSON.stringify({ ...(JSON.parse(template) as Record<string, unknown>), [key]: password });
}

export const secretHandler: ResourceHandler = {
  type: 'AWS::SecretsManager::Secret',
  async provision({ clients, stackName }, logicalId, properties) {
    const name = optionalString(properties, 'Name') ?? generatePhysicalName({ stackName, logicalId, maxLength: 512 });
    const generate = optionalRecord(properties, 'GenerateSecretString');
    const tags = cfnTags(properties);
    const { ARN } = await createOrAdopt(
      () =>
        clients.secrets.send(
          new CreateSecretCommand({
            Name: name,
            Description: optionalString(properties, 'Description'),
            KmsKeyId: optionalString(properties, 'KmsKeyId'),
            SecretString: optionalString(properties, 'SecretString') ?? generateSecretValue(generate ?? {}),
            Tags: tags.length > 0 ? tags : undefined,
          }),
        ),
      ['ResourceExistsException'],
      // An existing secret keeps its value: a generated password must not change under a running system.
      async () => {
        const kmsKeyId = optionalString(properties, 'KmsKeyId');
        if (kmsKeyId !== undefined) await clients.secrets.send(new UpdateSecretCommand({ SecretId: name, KmsKeyId: kmsKeyId }));
        return clients.secrets.send(new DescribeSecretCommand({ SecretId: name }));
      },
    );
    if (ARN === undefined) throw new Error(`Secrets Manager CreateSecret for ${logicalId} returned no ARN`);
    return { logicalId, type: 'AWS::SecretsManager::Secret', ref: ARN, attributes: { Id: ARN, Name: name } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const secret = await clients.secrets.send(new DescribeSecretCommand({ SecretId: resource.ref }));
    differences.expect('Name', resource.attributes.Name, secret.Name);
    differences.expect('KmsKeyId', optionalString(properties, 'KmsKeyId'), secret.KmsKeyId);
    return differences.differences;
  },
};

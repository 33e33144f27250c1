/**
 * Creates the access-token signing key in the emulated KMS (RSA_2048, SIGN_VERIFY: RS256, the
 * only kind API Gateway's JWT authorizer verifies), as the CDK stack does in AWS, so the local
 * auth service signs through KMS exactly as deployed.
 * @module
 */
import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';

export const ACCESS_TOKEN_KEY_ALIAS = 'alias/serenya-access-token';

export async function createAccessTokenKey(kms: KMSClient): Promise<string> {
  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', Description: 'Serenya access-token signing key (local)' }),
  );
  if (!KeyMetadata?.Arn || !KeyMetadata.KeyId) throw new Error('KMS CreateKey returned no key');
  await kms.send(new CreateAliasCommand({ AliasName: ACCESS_TOKEN_KEY_ALIAS, TargetKeyId: KeyMetadata.KeyId }));
  return KeyMetadata.Arn;
}

export const DATABASE_KEY_ALIAS = 'alias/serenya-database';

/** The database key: wraps the data keys of PHI columns (users, contents, lab values). */
export async function createDatabaseKey(kms: KMSClient): Promise<string> {
  const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'Serenya database (PHI columns) key (local)' }));
  if (!KeyMetadata?.Arn || !KeyMetadata.KeyId) throw new Error('KMS CreateKey returned no key');
  await kms.send(new CreateAliasCommand({ AliasName: DATABASE_KEY_ALIAS, TargetKeyId: KeyMetadata.KeyId }));
  return KeyMetadata.Arn;
}

/**
 * Mints a Serenya access token for a user: RS256, 15 minutes by default, `iss` our issuer,
 * `aud` serenya-api, `sub` the user id, a random `jti`.
 * @module
 */
import type { AccessTokenConfig } from '#shared/config/access-token-config.ts';
import type { AccessTokenSigner } from './access-token-signer.ts';

export async function issueAccessToken(
  signer: AccessTokenSigner,
  config: Pick<AccessTokenConfig, 'issuer' | 'audience' | 'accessTokenTtlSeconds'>,
  userId: string,
): Promise<{ accessToken: string; expiresIn: number }> {
  const iat = Math.floor(Date.now() / 1000);
  const accessToken = await signer.sign({
    sub: userId,
    iss: config.issuer,
    aud: config.audience,
    iat,
    exp: iat + config.accessTokenTtlSeconds,
    jti: crypto.randomUUID(),
  });
  return { accessToken, expiresIn: config.accessTokenTtlSeconds };
}

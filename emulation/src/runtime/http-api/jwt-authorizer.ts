/**
 * An HTTP API JWT authorizer: takes the token from the identity source (`Bearer ` prefix
 * optional), verifies signature, `iss`, `aud` (or `client_id`), `exp` and `nbf` with jose
 * against the issuer's JWKS, and checks the route's scopes. Keys come from the issuer's
 * discovery document (`<issuer>/.well-known/openid-configuration` → `jwks_uri`), or from the
 * caller's override, because locally the issuer's domain does not resolve.
 *
 * Like API Gateway, accepts RSA signatures only (RS256, RS384, RS512): a token signed otherwise is
 * rejected here as it would be in AWS.
 *
 * Answers as API Gateway does: 401 `{"message":"Unauthorized"}` with `www-authenticate`, 403
 * `{"message":"Forbidden"}` for missing scopes; claims handed on as strings.
 * @module
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** The only algorithms an HTTP API JWT authorizer verifies. */
export const JWT_AUTHORIZER_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

export interface JwtAuthorizerConfig {
  readonly name: string;
  readonly issuer: string;
  readonly audience: readonly string[];
  /** e.g. `$request.header.Authorization`. */
  readonly identitySource: readonly string[];
  /**
   * Where to fetch keys instead of discovering them from the issuer; a function is asked at the
   * first request (the local API's own URL is known only once it listens).
   */
  readonly jwksUrl?: string | (() => string | undefined);
}

/** `requestContext.authorizer` of the payload 2.0 event. */
export interface JwtAuthorizerContext {
  readonly jwt: { readonly claims: Record<string, string>; readonly scopes: string[] | null };
}

export type AuthorizationResult =
  | { readonly ok: true; readonly context: JwtAuthorizerContext }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string; readonly reason: string };

export interface JwtAuthorizer {
  authorize(request: { headers: Readonly<Record<string, string | undefined>>; query: URLSearchParams }, requiredScopes: readonly string[]): Promise<AuthorizationResult>;
}

/** API Gateway's spelling of claim values: strings as they are, lists as `[a b]`. */
function claimToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((item) => claimToString(item)).join(' ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((scope) => scope !== '');
  if (Array.isArray(raw)) return raw.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

export function createJwtAuthorizer(config: JwtAuthorizerConfig, fetchJson: (url: string) => Promise<unknown> = defaultFetchJson): JwtAuthorizer {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  function keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    keys ??= (async () => {
      let url = typeof config.jwksUrl === 'function' ? config.jwksUrl() : config.jwksUrl;
      if (url === undefined) {
        const discovery = (await fetchJson(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
        if (typeof discovery.jwks_uri !== 'string') throw new Error(`the discovery document of ${config.issuer} has no jwks_uri`);
        url = discovery.jwks_uri;
      }
      return createRemoteJWKSet(new URL(url));
    })();
    // A failed discovery is retried on the next request, not cached.
    keys.catch(() => {
      keys = undefined;
    });
    return keys;
  }

  function tokenFrom(request: { headers: Readonly<Record<string, string | undefined>>; query: URLSearchParams }): string | undefined {
    for (const source of config.identitySource) {
      const header = /^\$request\.header\.(.+)$/i.exec(source);
      const query = /^\$request\.querystring\.(.+)$/i.exec(source);
      const value = header !== null ? request.headers[(header[1] ?? '').toLowerCase()] : query !== null ? (request.query.get(query[1] ?? '') ?? undefined) : undefined;
      if (value !== undefined && value !== '') return value.replace(/^Bearer\s+/i, '');
    }
    return undefined;
  }

  return {
    async authorize(request, requiredScopes) {
      const token = tokenFrom(request);
      if (token === undefined) return { ok: false, status: 401, wwwAuthenticate: 'Bearer', reason: 'no token in the identity source' };
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keySet(), { issuer: config.issuer, algorithms: JWT_AUTHORIZER_ALGORITHMS }));
      } catch (error) {
        const description = error instanceof errors.JWTExpired ? 'the token has expired' : error instanceof errors.JOSEError ? error.message : 'the token could not be verified';
        // The reason (access log's $context.authorizer.error) keeps the cause: an unreachable issuer or JWKS is a set-up problem, not a bad token.
        const reason = error instanceof errors.JOSEError ? description : `keys unavailable: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, status: 401, wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description.replaceAll('"', "'")}"`, reason };
      }
      // API Gateway: `aud` must hold one of the audiences, or else `client_id` must be one.
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
      if (!audiences.some((audience) => config.audience.includes(audience)) && (clientId === undefined || !config.audience.includes(clientId))) {
        return { ok: false, status: 401, wwwAuthenticate: 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"', reason: 'audience' };
      }
      const scopes = scopesOf(payload);
      if (requiredScopes.length > 0 && !requiredScopes.some((scope) => scopes.includes(scope))) {
        return {
          ok: false,
          status: 403,
          wwwAuthenticate: `Bearer scope="${requiredScopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${requiredScopes.join(' ')}]"`,
          reason: 'scopes',
        };
      }
      const claims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimToString(value)]));
      return { ok: true, context: { jwt: { claims, scopes: scopes.length > 0 ? scopes : null } } };
    },
  };
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${String(response.status)}`);
  return response.json();
}

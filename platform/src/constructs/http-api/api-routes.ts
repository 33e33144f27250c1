/**
 * Every route the services serve, and which function serves it (read from each service's
 * routes/ files). `public` routes are the ones a client calls before it has an access token:
 * sign-in, refresh, and the issuer's key set and discovery document (the JWT authorizer itself
 * fetches those); every other route requires a valid access token at the gateway.
 *
 * `GET /account/export?format=fhir` is the FHIR variant of the export (a query parameter, same route).
 *
 * @example
 * ```ts
 * API_ROUTES.filter((route) => route.service === 'chat'); // POST /chat/messages, GET /chat/conversations/{contentId}
 * ```
 * @module
 */

export type ApiService = 'auth' | 'documents' | 'chat' | 'content';
export type ApiMethod = 'GET' | 'POST' | 'DELETE';

export interface ApiRoute {
  readonly method: ApiMethod;
  readonly path: string;
  readonly service: ApiService;
  /** No gateway authorizer: called without an access token. */
  readonly public?: true;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/auth/google', service: 'auth', public: true },
  { method: 'POST', path: '/auth/refresh', service: 'auth', public: true },
  { method: 'POST', path: '/auth/logout', service: 'auth' },
  { method: 'GET', path: '/.well-known/jwks.json', service: 'auth', public: true },
  { method: 'GET', path: '/.well-known/openid-configuration', service: 'auth', public: true },
  { method: 'POST', path: '/documents', service: 'documents' },
  { method: 'POST', path: '/documents/upload', service: 'documents' },
  { method: 'GET', path: '/jobs/{jobId}', service: 'documents' },
  { method: 'GET', path: '/jobs/{jobId}/status', service: 'documents' },
  { method: 'POST', path: '/jobs/{jobId}/retry', service: 'documents' },
  { method: 'POST', path: '/chat/messages', service: 'chat' },
  { method: 'GET', path: '/chat/conversations/{contentId}', service: 'chat' },
  { method: 'GET', path: '/content/timeline', service: 'content' },
  { method: 'GET', path: '/content/{id}', service: 'content' },
  { method: 'GET', path: '/subscriptions/status', service: 'content' },
  { method: 'GET', path: '/account/export', service: 'content' },
  { method: 'DELETE', path: '/account', service: 'content' },
];

/** The first path segments of every route: what CloudFront forwards to the API. */
export function apiPathPatterns(): string[] {
  const patterns = new Set<string>();
  for (const route of API_ROUTES) {
    const first = route.path.split('/')[1] ?? '';
    patterns.add(`/${first}`);
    patterns.add(`/${first}/*`);
  }
  return [...patterns];
}

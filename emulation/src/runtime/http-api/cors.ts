/**
 * CORS as an HTTP API with `CorsConfiguration` does it: API Gateway answers preflight requests
 * itself (204, whatever the routes), and on other requests from an allowed origin it sets the
 * `access-control-*` headers, replacing any the integration returned.
 * @module
 */
import type { CorsConfiguration } from '../../template/template-resources.ts';

export type HeaderMap = Record<string, string | string[]>;

function originAllowed(config: CorsConfiguration, origin: string): string | undefined {
  const origins = config.AllowOrigins ?? [];
  if (origins.includes('*')) return '*';
  return origins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}

/** True for a CORS preflight: OPTIONS with `Origin` and `Access-Control-Request-Method`. */
export function isPreflight(method: string, headers: Readonly<Record<string, string | undefined>>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/** The headers of API Gateway's preflight answer (empty when the origin is not allowed). */
export function preflightHeaders(config: CorsConfiguration, headers: Readonly<Record<string, string | undefined>>): HeaderMap {
  const allowed = originAllowed(config, headers.origin ?? '');
  if (allowed === undefined) return {};
  const requestedMethod = headers['access-control-request-method'] ?? '';
  const methods = config.AllowMethods ?? [];
  if (!methods.includes('*') && !methods.map((method) => method.toUpperCase()).includes(requestedMethod.toUpperCase())) return {};
  const allowHeaders = config.AllowHeaders ?? [];
  const result: HeaderMap = {
    'access-control-allow-origin': allowed,
    'access-control-allow-methods': methods.includes('*') ? requestedMethod : methods.join(','),
  };
  const requestedHeaders = headers['access-control-request-headers'];
  if (allowHeaders.includes('*') && requestedHeaders !== undefined) result['access-control-allow-headers'] = requestedHeaders;
  else if (allowHeaders.length > 0 && !allowHeaders.includes('*')) result['access-control-allow-headers'] = allowHeaders.join(',').toLowerCase();
  if (config.MaxAge !== undefined) result['access-control-max-age'] = String(config.MaxAge);
  if (config.AllowCredentials === true) result['access-control-allow-credentials'] = 'true';
  return result;
}

/** Replaces the integration's `access-control-*` headers with the configured ones. */
export function applyCorsHeaders(config: CorsConfiguration, origin: string | undefined, headers: HeaderMap): HeaderMap {
  const result = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')));
  const allowed = origin === undefined ? undefined : originAllowed(config, origin);
  if (allowed === undefined) return result;
  result['access-control-allow-origin'] = allowed;
  if ((config.ExposeHeaders ?? []).length > 0) result['access-control-expose-headers'] = (config.ExposeHeaders ?? []).join(',');
  if (config.AllowCredentials === true) result['access-control-allow-credentials'] = 'true';
  return result;
}

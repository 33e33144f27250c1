/**
 * API Gateway HTTP API route selection: `METHOD /path/{param}/{greedy+}`, `ANY`, and
 * `$default`. Among routes that match, the most specific wins, as API Gateway decides it: a
 * literal segment beats a `{param}`, which beats a greedy `{proxy+}`, compared left to right;
 * then a method beats `ANY`; `$default` only when nothing else matches.
 * @module
 */

type Segment = { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'param'; readonly name: string } | { readonly kind: 'greedy'; readonly name: string };

export interface ParsedRouteKey {
  readonly routeKey: string;
  /** Upper case, or `ANY`; undefined for `$default`. */
  readonly method: string | undefined;
  readonly segments: readonly Segment[] | undefined;
}

export interface RouteMatch<Route> {
  readonly route: Route;
  readonly pathParameters: Record<string, string>;
}

export function parseRouteKey(routeKey: string): ParsedRouteKey {
  if (routeKey === '$default') return { routeKey, method: undefined, segments: undefined };
  const match = /^(\S+) (\/\S*)$/.exec(routeKey);
  if (match === null) throw new Error(`route key ${routeKey} is not "METHOD /path" or $default`);
  const [, method = '', path = ''] = match;
  const segments = splitPath(path).map((part): Segment => {
    const param = /^\{([^}+]+)(\+?)\}$/.exec(part);
    if (param === null) return { kind: 'literal', value: part };
    return param[2] === '+' ? { kind: 'greedy', name: param[1] ?? '' } : { kind: 'param', name: param[1] ?? '' };
  });
  return { routeKey, method: method.toUpperCase(), segments };
}

function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

const RANK = { literal: 3, param: 2, greedy: 1 } as const;

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (segment.kind === 'greedy') {
      if (index !== segments.length - 1 || part === undefined) return undefined;
      parameters[segment.name] = parts.slice(index).map(decode).join('/');
      return parameters;
    }
    if (part === undefined) return undefined;
    if (segment.kind === 'literal' && segment.value !== part) return undefined;
    if (segment.kind === 'param') parameters[segment.name] = decode(part);
  }
  return parts.length === segments.length ? parameters : undefined;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: ParsedRouteKey, b: ParsedRouteKey): number {
  const length = Math.max(a.segments?.length ?? 0, b.segments?.length ?? 0);
  for (let index = 0; index < length; index += 1) {
    const rankA = RANK[a.segments?.[index]?.kind ?? 'greedy'];
    const rankB = RANK[b.segments?.[index]?.kind ?? 'greedy'];
    if (rankA !== rankB) return rankB - rankA;
  }
  return (a.method === 'ANY' ? 1 : 0) - (b.method === 'ANY' ? 1 : 0);
}

/**
 * Chooses the route for a request.
 *
 * @example
 * ```ts
 * const match = matchRoute(routes, 'GET', '/documents/42', (route) => route.parsed);
 * match?.pathParameters; // { id: '42' }
 * ```
 */
export function matchRoute<Route>(routes: readonly Route[], method: string, path: string, keyOf: (route: Route) => ParsedRouteKey): RouteMatch<Route> | undefined {
  const parts = splitPath(path);
  const candidates: Array<{ route: Route; key: ParsedRouteKey; pathParameters: Record<string, string> }> = [];
  let fallback: Route | undefined;
  for (const route of routes) {
    const key = keyOf(route);
    if (key.segments === undefined) {
      fallback = route;
      continue;
    }
    if (key.method !== 'ANY' && key.method !== method.toUpperCase()) continue;
    const pathParameters = matchSegments(key.segments, parts);
    if (pathParameters !== undefined) candidates.push({ route, key, pathParameters });
  }
  candidates.sort((a, b) => compareSpecificity(a.key, b.key));
  const [best] = candidates;
  if (best !== undefined) return { route: best.route, pathParameters: best.pathParameters };
  return fallback === undefined ? undefined : { route: fallback, pathParameters: {} };
}

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
 * The route selection of one API: the routes are ordered by specificity once, so a request
 * takes the first that matches.
 *
 * @example
 * ```ts
 * const match = createRouteMatcher(routes, (route) => route.key);
 * match('GET', '/documents/42')?.pathParameters; // { id: '42' }
 * ```
 */
export function createRouteMatcher<Route>(routes: readonly Route[], keyOf: (route: Route) => ParsedRouteKey): (method: string, path: string) => RouteMatch<Route> | undefined {
  const ordered = routes
    .map((route) => ({ route, key: keyOf(route) }))
    .filter((entry): entry is { route: Route; key: ParsedRouteKey & { segments: readonly Segment[] } } => entry.key.segments !== undefined)
    .sort((a, b) => compareSpecificity(a.key, b.key));
  const fallback = routes.findLast((route) => keyOf(route).segments === undefined);
  return (method, path) => {
    const parts = splitPath(path);
    const upper = method.toUpperCase();
    for (const { route, key } of ordered) {
      if (key.method !== 'ANY' && key.method !== upper) continue;
      const pathParameters = matchSegments(key.segments, parts);
      if (pathParameters !== undefined) return { route, pathParameters };
    }
    return fallback === undefined ? undefined : { route: fallback, pathParameters: {} };
  };
}

export interface PatternRoute {
  method: string;
  /** Anchored; its groups are the path parameters. */
  pattern: RegExp;
}

export interface RouteMatch<R> {
  /** The route for the method, or for GET when a HEAD has none of its own. */
  found?: { route: R; params: string[] };
  /** Some route has this path under another method: a 405, not a 404. */
  pathKnown: boolean;
}

/** The first route per method whose pattern matches the path, and which one serves this method. */
export function matchRoute<R extends PatternRoute>(routes: readonly R[], method: string, path: string): RouteMatch<R> {
  const byMethod = new Map<string, { route: R; params: string[] }>();
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (m && !byMethod.has(route.method)) byMethod.set(route.method, { route, params: m.slice(1) });
  }
  const found = byMethod.get(method) ?? (method === 'HEAD' ? byMethod.get('GET') : undefined);
  return { ...(found ? { found } : {}), pathKnown: byMethod.size > 0 };
}

import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/**
 * @rsyncish/core, for code that needs it only on some paths. Loaded with
 * require, never import(): core is one CommonJS bundle, and an import() of
 * CommonJS makes Node's ES module loader scan the whole file for its export
 * names on every start (docs/performance.md, "Start-up").
 */
export function loadCore(): typeof import('@rsyncish/core') {
  return requireFromHere('@rsyncish/core') as typeof import('@rsyncish/core');
}

import { silentLogger, type BackendContext } from '@rsyncish/core';

/** What rsyncish hands a backend factory for one remote, with the given option values. */
export function context(options: BackendContext['options'], root = ''): BackendContext {
  return {
    remoteName: '__TYPE__test',
    root,
    rawRoot: root,
    options,
    logger: silentLogger,
    saveOptions: async () => {},
    now: () => Date.now(),
    globals: { lowLevelRetries: 10, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
}

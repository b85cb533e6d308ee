import type { Backend, BackendDefinition } from '@rsyncish/core';

/** One check the plugin opts out of, with the reason printed in the test output. */
export interface SkipRule {
  /** A check id (`large-file`) or one case of it (`odd-names/trailing-space`). */
  check: string;
  reason: string;
}

export interface ConformanceOptions {
  /** Shown in the suite's title, e.g. `memory`. */
  name: string;
  /** When given, checked for the shape the CLI's registry accepts. */
  definition?: BackendDefinition;
  /**
   * A fresh, empty backend rooted in a fresh place. Called once per suite, and
   * once more to check close(); every check works in its own sub-folder.
   */
  create(): Promise<Backend>;
  /**
   * The backend API version the plugin was built for; default the current one.
   * 1: each backend is seen through core's compatibility layer, as the CLI
   * sees it, and only the checks of what version 1 has run (V2_ONLY lists the
   * rest, reported as skipped).
   */
  apiVersion?: 1 | 2;
  /** Runs after the suite, e.g. to remove a temp directory. */
  cleanup?(): Promise<void> | void;
  skip?: SkipRule[];
  timeouts?: {
    /** Per check; default 30 s. */
    checkMs?: number;
    /** For the streamed large file; default 180 s. */
    largeFileMs?: number;
  };
  /** Size of the streamed large file; default 64 MiB. */
  largeFileBytes?: number;
  /** Allowed growth of the resident set while the large file streams; default 48 MiB. */
  maxRssGrowthBytes?: number;
}

export const MiB = 1024 * 1024;

export const DEFAULTS = {
  checkMs: 30_000,
  largeFileMs: 180_000,
  largeFileBytes: 64 * MiB,
  maxRssGrowthBytes: 48 * MiB,
};

/** Checks of methods a version 1 plugin cannot have: they were added in version 2. */
export const V2_ONLY: { check: string; method: string }[] = [
  { check: 'list-recursive', method: 'listRecursive' },
  { check: 'move-dir-from', method: 'moveDirFrom' },
  { check: 'over-directory/move-dir-from', method: 'moveDirFrom' },
];

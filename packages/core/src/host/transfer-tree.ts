import { Accounting } from '../engine/accounting.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../engine/options.js';
import { guardOverlap } from '../engine/overlap-guard.js';
import { runSync, type SyncMode } from '../engine/sync.js';
import { SyncFailedError, UsageError } from '../errors/index.js';
import { Filter, type FilterOptions } from '../filter/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import { locateRoot } from '../registry/locate-root.js';
import type { OpenedRemote } from '../registry/open-remote.js';
import { refuseFileDestination } from '../registry/refuse-file-destination.js';
import { statRoot } from '../registry/stat-root.js';
import { logEngineEvents } from './log-engine-events.js';

/** Engine options (rclone's defaults for any left out), plus what a library run may add. */
export interface TreeTransferOptions extends Partial<EngineOptions> {
  /** Include/exclude rules, sizes and ages, as the CLI's filter flags. */
  filter?: FilterOptions;
  /** Abort the run: transfers in flight stop and leave the destination's previous files. */
  signal?: AbortSignal;
  /** Where the run's errors, notices and (at info) each file go. Default: nowhere. */
  logger?: Logger;
  /** Give one to watch the run live (its events and counters); else one is made. */
  stats?: Accounting;
}

/**
 * copy, sync or move the tree at `src` into the directory `dst`, with the
 * same guards as the CLI: a missing source is "directory not found", a file
 * at either root is refused, overlapping roots are refused before anything
 * is touched. Returns the run's stats; a run with failed files throws
 * SyncFailedError, which carries them.
 */
export async function transferTree(mode: SyncMode, src: OpenedRemote, dst: OpenedRemote, options: TreeTransferOptions = {}): Promise<Accounting> {
  const { filter: filterOptions, signal, logger = silentLogger, stats = new Accounting(), ...engine } = options;
  const root = await statRoot(src);
  if (root.kind === 'file') {
    throw new UsageError('ERR_SOURCE_IS_FILE', `source "${src.location.text}" is a file; ${mode} takes a directory`, {
      hint: 'open the directory that holds it, and filter by name to take that file alone',
    });
  }
  const filter = new Filter(filterOptions ?? {});
  const srcHasDir = async (path: string) => (await src.backend.stat(path).catch(() => undefined))?.kind === 'dir';
  if (await guardOverlap(mode, await locateRoot(src), await locateRoot(dst), filter, undefined, srcHasDir) === 'already-there') {
    logger.notice(`${dst.backend.name}: Nothing to do as source and destination are the same`);
    return stats;
  }
  await refuseFileDestination(dst);
  logEngineEvents(stats, logger);
  const job = { src: src.backend, dst: dst.backend, options: { ...DEFAULT_ENGINE_OPTIONS, ...engine }, filter, signal };
  await runSync(mode, job, stats).catch((err: unknown) => {
    // A pass that broke (a listing that failed) is one more error of the run, as in the CLI.
    if (!signal?.aborted) stats.recordError('', err instanceof Error ? err : new Error(String(err)));
  });
  if (stats.errors > 0) throw new SyncFailedError(mode, stats);
  return stats;
}

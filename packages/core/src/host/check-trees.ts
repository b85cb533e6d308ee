import { Accounting } from '../engine/accounting.js';
import { check, type CheckOutcome, type CheckSummary } from '../engine/check.js';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/options.js';
import type { FilterOptions } from '../filter/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { OpenedRemote } from '../registry/open-remote.js';
import { refuseFileDestination } from '../registry/refuse-file-destination.js';
import { statRoot } from '../registry/stat-root.js';
import { logEngineEvents } from './log-engine-events.js';

export interface TreeCheckOptions {
  /** Only report files missing on the destination, not extra ones there. */
  oneWay?: boolean;
  sizeOnly?: boolean;
  /** Compare content byte for byte by reading both sides. */
  download?: boolean;
  checkers?: number;
  filter?: FilterOptions;
  /** Each compared or missing file, as it is decided. */
  onResult?: (path: string, outcome: CheckOutcome, detail: string) => void;
  logger?: Logger;
}

/**
 * Compare the trees at `src` and `dst` without changing either. Differences
 * are the result, not an error: read `differences` and `errors` of the
 * summary. A missing source is "directory not found"; a file at the
 * destination's root is refused.
 */
export async function checkTrees(src: OpenedRemote, dst: OpenedRemote, options: TreeCheckOptions = {}): Promise<CheckSummary> {
  const { logger = silentLogger, onResult = () => {} } = options;
  await statRoot(src);
  await refuseFileDestination(dst);
  const stats = new Accounting();
  logEngineEvents(stats, logger);
  return check({
    src: src.backend,
    dst: dst.backend,
    checkers: options.checkers ?? DEFAULT_ENGINE_OPTIONS.checkers,
    filter: options.filter,
    oneWay: options.oneWay ?? false,
    sizeOnly: options.sizeOnly ?? false,
    download: options.download ?? false,
    onResult,
  }, stats);
}

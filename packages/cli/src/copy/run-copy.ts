import {
  Accounting,
  baseName,
  copy,
  ExitCode,
  exitCodeOf,
  hintOf,
  RsyncishError,
  withRunRetries,
  type SyncJob,
} from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statRoot } from '../cli/stat-root.js';
import { snapshot, statsBlock } from '../stats/stats-block.js';
import { reportEvents } from './report-events.js';

/**
 * `copy SRC DST`: open both sides, copy a directory tree (or the single file
 * SRC names) with whole-run retries, report per file as rclone does, print the
 * stats, and fail with the last error's exit code when any file failed.
 */
export async function runCopy(session: Session, srcText: string, dstText: string): Promise<void> {
  const { logger } = session;
  const src = await session.open(srcText);
  const dst = await session.open(dstText);
  try {
    const root = await statRoot(src);
    const single = root.kind === 'file' ? baseName(src.location.path) : undefined;
    const job: SyncJob = {
      src: src.backend,
      dst: dst.backend,
      options: session.engine,
      filter: session.filter,
      singleFile: single === undefined ? undefined : { name: single },
    };
    const stats = new Accounting();
    const report = reportEvents(stats, logger, single);
    const view = () => {
      const s = snapshot(stats, report.retryable);
      return statsBlock({ ...s, bytes: s.bytes + report.dryRunBytes, transfers: s.transfers + report.dryRunFiles });
    };
    const ticker = session.statsIntervalMs > 0
      ? setInterval(() => {
        if (stats.totalTransfers > 0 || stats.inFlight.size > 0) logger.info(view());
      }, session.statsIntervalMs)
      : undefined;
    try {
      await withRunRetries(
        session.retries,
        stats,
        // A failure of the whole pass (a listing that broke) is one more error to retry.
        () => copy(job, stats).catch((err: unknown) => stats.recordError('', err instanceof Error ? err : new Error(String(err)))),
        (attempt, of) => logger.error(`Attempt ${attempt}/${of} failed with ${stats.errors} errors and: ${stats.lastError?.message ?? 'unknown error'}`),
      );
    } finally {
      if (ticker) clearInterval(ticker);
    }
    if (stats.transfers + report.dryRunFiles === 0 && stats.errors === 0) logger.notice('There was nothing to transfer');
    // rclone logs the final stats at INFO; we show them by default too (not with -q), as NOTICE.
    if (session.level === 'info' || session.level === 'debug') logger.info(view());
    else logger.notice(view());
    if (stats.errors > 0) {
      const last = stats.lastError;
      throw new RsyncishError('ERR_COPY_FAILED', `failed to copy with ${stats.errors} errors: last error was: ${last?.message ?? 'unknown'}`, {
        exitCode: exitCodeOf(last) ?? ExitCode.UncategorizedError,
        hint: hintOf(last),
      });
    }
  } finally {
    await src.backend.close?.();
    await dst.backend.close?.();
  }
}

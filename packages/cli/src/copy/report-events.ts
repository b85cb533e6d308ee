import { formatError, isRetryable, type Accounting, type Logger } from '@rsyncish/core';
import { sizeSuffix } from '../stats/rclone-units.js';

export interface EventReport {
  /** Files a dry run would have copied, and their bytes: rclone counts them as transferred. */
  dryRunFiles: number;
  dryRunBytes: number;
  /** Some error was one a retry may fix. */
  retryable: boolean;
}

/**
 * Turn the engine's events into rclone's log lines. The engine prints nothing;
 * this is the only place that decides what a user sees per file.
 * `rootName` names the file when the source is a single file (its path is '').
 */
export function reportEvents(stats: Accounting, logger: Logger, rootName = ''): EventReport {
  const report: EventReport = { dryRunFiles: 0, dryRunBytes: 0, retryable: false };
  const name = (path: string) => path || rootName;
  const prefix = (path: string) => (name(path) ? `${name(path)}: ` : '');
  stats.on('transfer-done', ({ path, action }) => {
    const what = action === 'copied' ? 'Copied (new)' : action === 'updated' ? 'Copied (replaced existing)' : 'Updated modification time in destination';
    logger.info(`${prefix(path)}${what}`);
  });
  stats.on('check', ({ path, reason }) => logger.debug(`${prefix(path)}${reason}`));
  stats.on('dry-run', ({ path, action, size }) => {
    if (action.startsWith('copy')) {
      report.dryRunFiles++;
      report.dryRunBytes += Math.max(0, size ?? 0);
      logger.notice(`${prefix(path)}Skipped copy as --dry-run is set (size ${sizeSuffix(size ?? -1)})`);
    } else {
      logger.notice(`${prefix(path)}Skipped ${action} as --dry-run is set`);
    }
  });
  stats.on('notice', ({ message }) => logger.notice(message));
  stats.on('deleted', ({ path }) => logger.info(`${prefix(path)}Deleted`));
  stats.on('file-error', ({ path, error }) => {
    if (isRetryable(error)) report.retryable = true;
    logger.error(`${prefix(path)}Failed to copy: ${formatError(error)}`);
  });
  return report;
}

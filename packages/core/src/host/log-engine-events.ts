import type { Accounting } from '../engine/accounting.js';
import type { Logger } from '../logging/logger.js';

const DONE = { copied: 'Copied (new)', updated: 'Copied (replaced existing)', modtime: 'Updated modification time in destination', moved: 'Moved (server-side)' } as const;

/**
 * A library run's events as log lines at rclone's levels: errors and notices
 * by default, each file with -v (info). The CLI has its own, fuller report.
 */
export function logEngineEvents(stats: Accounting, logger: Logger): void {
  stats.on('file-error', ({ path, error }) => logger.error(`${path || '/'}: ${error.message}`));
  stats.on('notice', ({ message, path, level }) => {
    const line = path ? `${path}: ${message}` : message;
    if (level === 'error') logger.error(line);
    else if (level === 'info') logger.info(line);
    else logger.notice(line);
  });
  stats.on('transfer-done', ({ path, action }) => logger.info(`${path}: ${DONE[action]}`));
  stats.on('deleted', ({ path, side }) => logger.info(`${path}: ${side === 'dir' ? 'Removed directory' : 'Deleted'}`));
}

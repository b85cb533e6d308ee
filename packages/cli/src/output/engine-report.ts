import { errorCode, ExitCode, exitCodeOf, formatError, hintOf, isRetryable, type Accounting, type FailedOp, type Logger } from '@rsyncish/core';
import { sizeSuffix } from '../stats/rclone-units.js';
import type { JsonEvents } from './json-events.js';

/** What the events of a run added up to, beyond the engine's own counters. */
export interface RunTally {
  /** Files a dry run would have copied, and their bytes: rclone counts them as transferred. */
  dryRunFiles: number;
  dryRunBytes: number;
  /** Files and directories deleted (or that a dry run would delete), on either side. */
  deletedFiles: number;
  deletedDirs: number;
  /** A whole tree was moved in one server-side operation. */
  dirMoved: boolean;
  /** Forget the dry-run counts of an attempt that is about to be made again. */
  startAttempt(): void;
}

/** rclone's words for what a dry run skipped. */
const DRY_RUN_WORDS: Record<string, string> = {
  'set modification time': 'update modification time',
  'delete source (move)': 'delete',
  'remove directory': 'remove directory',
  'make directory': 'make directory',
  'delete into backup dir': 'move into backup dir',
};

/**
 * Turn the engine's events into rclone's log lines and, with --json, JSON
 * events. The engine prints nothing; this is the only place that decides
 * what a user sees per file. `rootName` names the file when the source is a
 * single file (its path is ''); `srcRootName` is that file's own name, for a
 * move's deletion of it when the two differ (moveto).
 */
export function reportEngine(stats: Accounting, logger: Logger, json: JsonEvents, rootName = '', srcRootName = rootName): RunTally {
  const tally: RunTally = {
    dryRunFiles: 0, dryRunBytes: 0, deletedFiles: 0, deletedDirs: 0, dirMoved: false,
    startAttempt() {
      Object.assign(tally, { dryRunFiles: 0, dryRunBytes: 0, deletedFiles: 0, deletedDirs: 0 });
    },
  };
  const name = (path: string) => path || rootName;
  const prefix = (path: string) => (name(path) ? `${name(path)}: ` : '');
  // rclone names the source object in what it logs about a copy, and adds the
  // destination's name when they differ (copyto, moveto): `f: Copied (new) to: g`.
  const srcPrefix = (path: string) => (path ? `${path}: ` : srcRootName ? `${srcRootName}: ` : '');
  const to = (path: string) => (path === '' && rootName !== srcRootName ? ` to: ${rootName}` : '');
  stats.on('transfer-start', ({ path, size }) => json.emit('transfer-start', { path: name(path), size }));
  stats.on('transfer-done', ({ path, action, size, ms }) => {
    if (action === 'modtime') logger.info(`${prefix(path)}Updated modification time in destination`);
    else if (action === 'moved') logger.info(`${srcPrefix(path)}Moved (server-side)${to(path)}`);
    else logger.info(`${srcPrefix(path)}${action === 'copied' ? 'Copied (new)' : 'Copied (replaced existing)'}${to(path)}`);
    json.emit('transfer-done', { path: name(path), size, ms, action });
  });
  stats.on('dir-move', ({ outcome, on, why, flag }) => {
    // rclone's words (sync.MoveDir).
    if (outcome === 'dry-run') logger.notice(`${on}: Skipped server-side directory move as ${flag ?? '--dry-run'} is set`);
    else if (outcome === 'moved') {
      tally.dirMoved = true;
      logger.info(`${on}: Server side directory move succeeded`);
    }
    else logger.info(`${on}: Server side directory move failed - fallback to file moves: ${why}`);
    json.emit('dir-move', { outcome, ...(why === undefined ? {} : { why }) });
  });
  stats.on('check', ({ path, result, reason }) => {
    logger.debug(`${srcPrefix(path)}${reason}`);
    // rclone's line for a file left as it is because it is up to date.
    if (result === 'equal') logger.debug(`${srcPrefix(path)}Unchanged skipping`);
    json.emit('check', { path: name(path), result, reason });
  });
  // A step skipped by a dry run, or refused under -i (`flag`): counted alike, as rclone does.
  stats.on('dry-run', ({ path, action, size, flag = '--dry-run' }) => {
    json.emit('dry-run', { path: name(path), action, ...(size === undefined ? {} : { size }), ...(flag === '--dry-run' ? {} : { flag }) });
    if (action.startsWith('copy') || action === 'move') {
      tally.dryRunFiles++;
      tally.dryRunBytes += Math.max(0, size ?? 0);
      logger.notice(`${srcPrefix(path)}Skipped ${action === 'move' ? 'move' : 'copy'} as ${flag} is set (size ${sizeSuffix(size ?? -1)})`);
      return;
    }
    if (action.startsWith('delete')) tally.deletedFiles++;
    if (action === 'remove directory') tally.deletedDirs++;
    const sized = size === undefined ? '' : ` (size ${sizeSuffix(size)})`;
    logger.notice(`${prefix(path)}Skipped ${DRY_RUN_WORDS[action] ?? action} as ${flag} is set${sized}`);
  });
  stats.on('notice', ({ message, path, level }) => {
    if (level === 'error') logger.error(message);
    else if (level === 'info') logger.info(message);
    else logger.notice(message);
    json.emit('notice', { message, ...(path === undefined ? {} : { path: name(path) }) });
  });
  stats.on('renamed', ({ from, to }) => {
    // rclone's two lines for a tracked rename.
    logger.info(`${from}: Moved (server-side) to: ${to}`);
    logger.info(`${to}: Renamed from ${JSON.stringify(from)}`);
    json.emit('renamed', { from, to });
  });
  stats.on('backed-up', ({ path, to, serverSide }) => {
    // rclone's line for the move that makes the backup; ours says so when it had to copy.
    logger.info(`${prefix(path)}Moved (${serverSide ? 'server-side' : 'copied, then deleted'})${to === path ? '' : ` to: ${to}`}`);
    json.emit('backed-up', { path: name(path), to });
  });
  stats.on('deleted', ({ path, side, backup }) => {
    if (side === 'src' && path === '') path = srcRootName;
    if (side === 'dir') {
      tally.deletedDirs++;
      logger.info(`${prefix(path)}Removing directory`);
    } else {
      tally.deletedFiles++;
      logger.info(`${prefix(path)}${backup ? 'Moved into backup dir' : 'Deleted'}`);
    }
    json.emit('deleted', { path: name(path), side });
  });
  stats.on('retry', ({ path, attempt, of, error }) => {
    // rclone's words; at INFO rather than its DEBUG, like the pacer's retry lines.
    logger.info(`${srcPrefix(path)}Received error: ${error.message} - low level retry ${attempt}/${of}`);
    json.emit('retry', { path: name(path), attempt, of, message: error.message });
  });
  stats.on('file-error', ({ path, error, op }) => {
    if (op !== 'none') logger.error(failureLine(op, exitCodeOf(error) === ExitCode.FatalError, prefix(path), formatError(error)));
    json.emit('error', errorFields(name(path), error));
  });
  return tally;
}

/** rclone's words for a failed file: `Failed to copy`, `Couldn't delete`, and a fatal one on delete that stops them all. */
function failureLine(op: FailedOp, fatal: boolean, prefix: string, message: string): string {
  if (op === 'copy') return `${prefix}Failed to copy: ${message}`;
  if (op === 'immutable') return `${prefix}Source and destination exist but do not match: ${message}`;
  if (op === 'backup') return `${prefix}Couldn't move into backup dir: ${message}`;
  return fatal ? `Got fatal error on delete: ${message}` : `${prefix}Couldn't delete: ${message}`;
}

/** The fields of a JSON `error` event: what failed, our stable code, the hint and exit code. */
export function errorFields(path: string, error: Error): Record<string, unknown> {
  const hint = hintOf(error);
  return {
    path,
    message: error.message,
    code: errorCode(error) ?? 'ERR_UNKNOWN',
    ...(hint === undefined ? {} : { hint }),
    exitCode: exitCodeOf(error) ?? 2,
    retryable: isRetryable(error),
  };
}

import { Accounting, check, ExitCode, refuseFileDestination, RsyncishError } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { openTreeRoot } from '../cli/file-root.js';
import { errorFields } from '../output/engine-report.js';
import { CheckReports, type ReportFiles } from './check-reports.js';
import { failedMessage } from '../output/failed-message.js';

export interface CheckRequest {
  src: string;
  dst: string;
  oneWay: boolean;
  download: boolean;
  reports: ReportFiles;
}

/**
 * `check SRC DST`: compare two trees, changing nothing. Each difference is an
 * ERROR line as in rclone, then the NOTICE summary lines of rclone 1.60; any
 * difference fails the run with exit 1.
 */
export async function runCheck(session: Session, req: CheckRequest): Promise<void> {
  const { logger, json } = session;
  // A source naming a file checks that one file against its namesake in DST, as rclone.
  const { remote: src, filter, file } = await openTreeRoot(session, req.src, 'check');
  try {
    const dst = await session.open(req.dst);
    if (file === undefined) await refuseFileDestination(dst);
    const reports = new CheckReports(req.reports);
    const stats = new Accounting();
    stats.on('notice', ({ message }) => {
      logger.notice(message);
      json.emit('notice', { message });
    });
    stats.on('file-error', ({ path, error }) => json.emit('error', errorFields(path, error)));
    try {
      const summary = await check({
        src: src.backend,
        dst: dst.backend,
        checkers: session.engine.checkers,
        filter,
        oneWay: req.oneWay,
        sizeOnly: session.engine.sizeOnly,
        download: req.download,
        ignoreCaseSync: session.engine.ignoreCaseSync,
        fastList: session.engine.fastList,
        onResult: (path, outcome, detail) => {
          reports.add(path, outcome);
          json.emit('check-result', { path, outcome, detail });
          if (outcome === 'match') logger.debug(`${path}: OK`);
          else logger.error(`${path}: ${detail}`);
        },
      }, stats);
      const dstName = dst.backend.name;
      const srcName = src.backend.name;
      if (summary.missingOnDst > 0) logger.notice(`${dstName}: ${summary.missingOnDst} files missing`);
      if (summary.missingOnSrc > 0) logger.notice(`${srcName}: ${summary.missingOnSrc} files missing`);
      // rclone counts every error of the check as a difference: missing,
      // differing and unreadable files alike.
      const errors = summary.differences + summary.errors;
      logger.notice(`${dstName}: ${errors} differences found`);
      if (errors > 0) logger.notice(`${dstName}: ${errors} errors while checking`);
      if (summary.unhashed > 0) logger.notice(`${dstName}: ${summary.unhashed} hashes could not be checked`);
      if (summary.matches > 0) logger.notice(`${dstName}: ${summary.matches} matching files`);
      json.emit('check-summary', { ...summary, errors });
      if (summary.differences > 0 || summary.errors > 0 || stats.errors > 0) {
        const last = summary.differences > 0 ? `${summary.differences} differences found` : stats.lastError?.message ?? 'errors while checking';
        throw new RsyncishError('ERR_CHECK_FAILED', failedMessage('check', Math.max(errors, stats.errors), last), {
          exitCode: ExitCode.UsageError,
          hint: summary.differences > 0 ? 'the lines above name each difference; sync or copy to resolve them' : undefined,
        });
      }
    } finally {
      reports.close();
      await dst.backend.close?.();
    }
  } finally {
    await src.backend.close?.();
  }
}

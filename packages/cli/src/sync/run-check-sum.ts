import { Readable } from 'node:stream';
import { baseName, Filter, hashSum, isNotFound, RsyncishError, ExitCode, statRoot, type HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { failedMessage } from '../output/failed-message.js';
import { CheckReports, type ReportFiles } from './check-reports.js';

export interface CheckSumRequest {
  /** The SUM file (`<hash>  <path>` lines), a local path or remote:path. */
  sumFile: string;
  /** The tree to check against it. */
  path: string;
  type: HashType;
  download: boolean;
  oneWay: boolean;
  reports: ReportFiles;
  /** The command, for the final line: `failed to md5sum: ...`. */
  verb: string;
}

/**
 * md5sum -C / check --checkfile: compare every file under `path` with the
 * SUM file, changing nothing, with rclone's outcomes: `=` the hash matches
 * (or the backend has none to compare), `*` it differs, `-` the file has no
 * line in the SUM file, `+` a line names a file that is not there. The
 * ERROR and NOTICE lines and exit 1 on any difference are check's.
 */
export async function runCheckSum(session: Session, req: CheckSumRequest): Promise<void> {
  const { logger } = session;
  const sums = await readSumFile(session, req.sumFile);
  const remote = await session.open(req.path);
  const reports = new CheckReports(req.reports);
  const c = { matches: 0, differences: 0, missingHashes: 0, missingFiles: 0, noHashes: 0, errors: 0 };
  let last: Error | undefined;
  const fail = (path: string, err: Error) => {
    c.errors++;
    last = err;
    logger.error(`${path}: ${err.message}`);
  };
  try {
    const root = await statSourceRoot(session, remote);
    const name = remote.backend.name;
    // A file named as the tree is checked under its own name, as rclone's NewFsSrc lists it.
    const rootName = root.kind === 'file' ? baseName(remote.location.path) : '';
    await hashSum(remote.backend, req.type, {
      filter: new Filter(session.filter),
      checkers: session.engine.checkers,
      fastList: session.engine.fastList,
      download: req.download,
      onLine: (hash, p) => {
        const path = p || rootName;
        const sum = sums.get(path);
        sums.delete(path);
        if (sum === undefined) {
          if (req.oneWay) return;
          fail(path, new Error('sum not found'));
          c.differences++;
          c.missingHashes++;
          reports.add(path, 'missing-on-src');
        } else if (hash === '') {
          logger.debug(`${path}: ${req.type} - could not check hash (${name})`);
          c.noHashes++;
          c.matches++;
          reports.add(path, 'match');
        } else if (hash === sum) {
          logger.debug(`${path}: ${req.type} = ${sum} OK`);
          c.matches++;
          reports.add(path, 'match');
        } else {
          fail(path, new Error('files differ'));
          c.differences++;
          reports.add(path, 'differ');
        }
      },
      onError: (path, err) => {
        fail(path, new Error(`Failed to calculate hash: ${err.message}`));
        reports.add(path, 'error');
      },
    });
    const filter = new Filter(session.filter);
    for (const path of sums.keys()) {
      if (!filter.include({ path, kind: 'file', size: -1 })) continue;
      fail(path, new Error(`file not in ${name}`));
      c.missingFiles++;
      reports.add(path, 'missing-on-dst');
    }
    if (c.missingFiles > 0) logger.notice(`${name}: ${c.missingFiles} files missing`);
    if (c.missingHashes > 0) logger.notice(`${c.missingHashes} hashes missing`);
    logger.notice(`${name}: ${c.errors} differences found`);
    if (c.errors > 0) logger.notice(`${name}: ${c.errors} errors while checking`);
    if (c.noHashes > 0) logger.notice(`${name}: ${c.noHashes} hashes could not be checked`);
    if (c.matches > 0) logger.notice(`${name}: ${c.matches} matching files`);
  } finally {
    reports.close();
    await remote.backend.close?.();
  }
  if (last) {
    throw new RsyncishError('ERR_CHECK_FAILED', failedMessage(req.verb, c.errors, last.message), {
      exitCode: ExitCode.UsageError,
      hint: 'the lines above name each file that does not match the SUM file',
    });
  }
}

/**
 * `<hash> <space or *><path>` lines, as md5sum writes them (text or binary
 * mode). Malformed lines and repeated paths are noticed and skipped, as rclone
 * does; hashes are compared in lowercase.
 */
async function readSumFile(session: Session, text: string): Promise<Map<string, string>> {
  const remote = await session.open(text);
  let content = '';
  try {
    // The filters choose files to check, not the SUM file: it is read whatever they say.
    const root = await statRoot(remote).catch((err: unknown) => {
      // Exit 1, as rclone: the SUM file is an argument the user got wrong, not a tree to walk.
      throw isNotFound(err) ? new RsyncishError('ERR_NOT_A_SUM_FILE', `cannot open sum file: ${text}: not found`, { hint: 'check the path of the SUM file', exitCode: ExitCode.UsageError }) : err;
    });
    if (root.kind !== 'file') {
      throw new RsyncishError('ERR_NOT_A_SUM_FILE', `not a sum file: ${text}`, { hint: 'name the file holding the sums, e.g. MD5SUMS', exitCode: ExitCode.UsageError });
    }
    const input: Readable = await remote.backend.get('');
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    content = Buffer.concat(chunks).toString('utf8');
  } finally {
    await remote.backend.close?.();
  }
  const sums = new Map<string, string>();
  content.split(/\r?\n/).forEach((line, i) => {
    if (line === '') return;
    const m = /^([^ ]+) [ *](.+)$/.exec(line);
    if (!m) session.logger.notice(`${text}: improperly formatted checksum line ${i}`);
    else if (sums.get(m[2])) session.logger.notice(`${text}: duplicate file on checksum line ${i}`);
    else sums.set(m[2], m[1].toLowerCase());
  });
  return sums;
}

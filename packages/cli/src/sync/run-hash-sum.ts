import { openSync, writeSync, closeSync } from 'node:fs';
import { baseName, ExitCode, Filter, hashSum, RsyncishError, type HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { ErrorTally } from '../output/error-tally.js';
import { hashForOutput } from '../listing/hash-text.js';

export interface HashSumRequest {
  download: boolean;
  /** --base64: rclone's URL-safe base64 of the digest instead of hex. */
  base64: boolean;
  /** --output-file: write the lines there instead of stdout. */
  outputFile?: string;
}

/** md5sum / sha1sum / hashsum: `<hash>  <path>` lines, as the coreutils tools and rclone print them. */
export async function runHashSum(session: Session, type: HashType, path: string, req: HashSumRequest): Promise<void> {
  const remote = await session.open(path);
  const errors = new ErrorTally(session.logger, session.json, `failed to hash`);
  let fd = 1;
  try {
    const root = await statSourceRoot(session, remote);
    if (req.outputFile !== undefined) fd = openOutput(req.outputFile);
    const rootName = root.kind === 'file' ? baseName(remote.location.path) : '';
    const lines: string[] = [];
    const flush = () => {
      if (lines.length > 0) writeSync(fd, `${lines.join('\n')}\n`);
      lines.length = 0;
    };
    await hashSum(remote.backend, type, {
      filter: new Filter(session.filter),
      checkers: session.engine.checkers,
      fastList: session.engine.fastList,
      download: req.download,
      onLine: (hash, p) => {
        lines.push(`${hashForOutput(hash, type, req.base64)}  ${p || rootName}`);
        if (lines.length >= 1000) flush();
      },
      onError: errors.add,
    });
    flush();
  } finally {
    if (fd !== 1) closeSync(fd);
    await remote.backend.close?.();
  }
  errors.throwIfAny(`${type}sum`);
}

export function openOutput(file: string): number {
  try {
    return openSync(file, 'w', 0o644);
  } catch (err) {
    throw new RsyncishError('ERR_OUTPUT_FILE', `failed to open output file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      hint: 'check that the directory exists and is writable', exitCode: ExitCode.UsageError,
    });
  }
}

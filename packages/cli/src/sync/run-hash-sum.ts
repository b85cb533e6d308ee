import { baseName, Filter, hashSum, type HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { ErrorTally } from '../output/error-tally.js';

/** md5sum / sha1sum: `<hash>  <path>` lines on stdout, as the coreutils tools and rclone print them. */
export async function runHashSum(session: Session, type: HashType, path: string, download: boolean): Promise<void> {
  const remote = await session.open(path);
  const errors = new ErrorTally(session.logger, session.json, `failed to hash`);
  try {
    const root = await statSourceRoot(session, remote);
    const rootName = root.kind === 'file' ? baseName(remote.location.path) : '';
    const lines: string[] = [];
    const flush = () => {
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
      lines.length = 0;
    };
    await hashSum(remote.backend, type, {
      filter: new Filter(session.filter),
      checkers: session.engine.checkers,
      download,
      onLine: (hash, p) => {
        // rclone prints spaces where a backend has no hash for a file.
        lines.push(`${hash || ' '.repeat(type === 'md5' ? 32 : 40)}  ${p || rootName}`);
        if (lines.length >= 1000) flush();
      },
      onError: errors.add,
    });
    flush();
  } finally {
    await remote.backend.close?.();
  }
  errors.throwIfAny(`${type}sum`);
}

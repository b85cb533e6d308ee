import { closeSync } from 'node:fs';
import { UsageError, type HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { openOutput, runHashSum } from '../sync/run-hash-sum.js';
import { runCheckSum } from '../sync/run-check-sum.js';
import type { HashSumFlagValues } from './hash-sum-flags.js';
import { hashStdin, readsStdin } from './hash-stdin.js';

/** md5sum, sha1sum, hashsum: hash standard input, check against a SUM file, or list the hashes of a tree. */
export async function runSumCommand(session: Session, type: HashType, path: string | undefined, f: HashSumFlagValues): Promise<void> {
  if (readsStdin(path)) {
    if (f.checkfile !== undefined) {
      throw new UsageError('ERR_MISSING_ARGUMENT', '--checkfile needs the path to check', { hint: `give it: ${type}sum -C SUMFILE remote:path` });
    }
    const fd = f['output-file'] === undefined ? 1 : openOutput(f['output-file']);
    try {
      await hashStdin(type, f.base64, fd);
    } finally {
      if (fd !== 1) closeSync(fd);
    }
    return;
  }
  if (f.checkfile !== undefined) {
    // rclone prints the combined report on stdout for the sum commands' --checkfile.
    await runCheckSum(session, { sumFile: f.checkfile, path: path!, type, download: f.download, oneWay: false, reports: { combined: '-' }, verb: `${type}sum` });
    return;
  }
  await runHashSum(session, type, path!, { download: f.download, base64: f.base64, outputFile: f['output-file'] });
}

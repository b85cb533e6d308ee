import { openSync, writeSync, closeSync } from 'node:fs';
import { ExitCode, RsyncishError, type CheckOutcome } from '@rsyncish/core';

/** rclone check's report files: one path per line, or `<sign> path` lines for --combined. */
export interface ReportFiles {
  combined?: string;
  missingOnSrc?: string;
  missingOnDst?: string;
  match?: string;
  differ?: string;
  error?: string;
}

const SIGN: Record<CheckOutcome, string> = { match: '=', 'missing-on-src': '-', 'missing-on-dst': '+', differ: '*', error: '!' };
const FILE_OF: Record<CheckOutcome, keyof ReportFiles> = {
  match: 'match', 'missing-on-src': 'missingOnSrc', 'missing-on-dst': 'missingOnDst', differ: 'differ', error: 'error',
};

/** Opens the files named (`-` is stdout) and writes each result to the ones it belongs in. */
export class CheckReports {
  private readonly fds = new Map<keyof ReportFiles, number>();

  constructor(files: ReportFiles) {
    for (const [key, file] of Object.entries(files) as [keyof ReportFiles, string | undefined][]) {
      if (file === undefined) continue;
      try {
        this.fds.set(key, file === '-' ? 1 : openSync(file, 'w', 0o644));
      } catch (err) {
        throw new RsyncishError('ERR_REPORT_FILE', `cannot create report file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
          hint: 'check that the directory exists and is writable', exitCode: ExitCode.UsageError,
        });
      }
    }
  }

  add(path: string, outcome: CheckOutcome): void {
    const combined = this.fds.get('combined');
    if (combined !== undefined) writeSync(combined, `${SIGN[outcome]} ${path}\n`);
    const own = this.fds.get(FILE_OF[outcome]);
    if (own !== undefined) writeSync(own, `${path}\n`);
  }

  close(): void {
    for (const fd of this.fds.values()) if (fd !== 1) closeSync(fd);
  }
}

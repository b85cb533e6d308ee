import { openSync, writeSync } from 'node:fs';
import { displayName, ExitCode, RsyncishError } from '@rsyncish/core';

/**
 * Where log lines end up: stderr, or the --log-file instead (as rclone), and
 * while a live progress view owns the terminal, through that view so the
 * lines appear above it rather than through it.
 */
export class LogSink {
  private readonly fd?: number;
  private through?: (line: string) => void;

  constructor(logFile?: string) {
    if (logFile === undefined) return;
    try {
      this.fd = openSync(logFile, 'a', 0o600);
    } catch (err) {
      throw new RsyncishError('ERR_LOG_FILE', `--log-file: cannot open ${logFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
        hint: 'check that the directory exists and is writable', exitCode: ExitCode.UsageError,
      });
    }
  }

  /** Whether lines go to a file, which then takes the final error line too. */
  get toFile(): boolean {
    return this.fd !== undefined;
  }

  write(text: string): void {
    // Names with invalid UTF-8 bytes are shown as they are stored (‛XX), never as U+FFFD.
    const line = displayName(text);
    // Synchronous: the last lines before an exit (or a crash) must not be lost.
    if (this.fd !== undefined) writeSync(this.fd, `${line}\n`);
    else if (this.through) this.through(line);
    else process.stderr.write(`${line}\n`);
  }

  /** Route stderr lines through `fn` (a live view) until called with undefined. */
  intercept(fn: ((line: string) => void) | undefined): void {
    this.through = fn;
  }
}

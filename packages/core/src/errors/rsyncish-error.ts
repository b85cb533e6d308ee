/**
 * The one base error of rsyncish. Every error a user can see carries a stable
 * `code` (ERR_*), a one-line message, a hint saying what to do, and the process
 * exit code it maps to (rclone's documented table, see docs/exit-codes.md).
 */
export interface ErrorOptions {
  hint?: string;
  exitCode?: number;
  cause?: unknown;
}

export class RsyncishError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.UncategorizedError;
  }
}

/** rclone's exit codes, kept identical so scripts written for rclone keep working. */
export const ExitCode = {
  Success: 0,
  UsageError: 1,
  UncategorizedError: 2,
  DirNotFound: 3,
  FileNotFound: 4,
  RetryError: 5,
  NoRetryError: 6,
  FatalError: 7,
  TransferExceeded: 8,
  NoFilesTransferred: 9,
} as const;

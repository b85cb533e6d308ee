import { ExitCode, RsyncishError } from '@rsyncish/core';

/** touch on a backend that keeps no settable modification times (Amazon Cloud Drive). */
export class CantSetModTimeError extends RsyncishError {
  constructor(remote: string) {
    super('ERR_CANT_SET_MODTIME', `failed to touch: ${remote} can't set modified time`, {
      hint: 'this backend keeps the upload time as the modification time; touch cannot change it',
      exitCode: ExitCode.UsageError,
    });
  }
}

/** deletefile of a path that names no file. */
export class NotAFileError extends RsyncishError {
  constructor(text: string) {
    super('ERR_NOT_A_FILE', `${text} is a directory or doesn't exist`, {
      hint: 'deletefile removes one file; use delete or purge for a directory',
      exitCode: ExitCode.UsageError,
    });
  }
}

/** rcat with nothing piped in, or to a directory, or of a size that differs from --size. */
export class RcatError extends RsyncishError {
  constructor(message: string, hint: string) {
    super('ERR_RCAT', message, { hint, exitCode: ExitCode.UsageError });
  }
}

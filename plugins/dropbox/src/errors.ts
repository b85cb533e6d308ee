import { BackendError, ExitCode, type ErrorOptions } from '@rsyncish/core';

/**
 * Dropbox refused the call for this one file or folder (a malformed or
 * disallowed path, a name too long, restricted content): sending it again
 * cannot help, the rest of the run goes on.
 */
export class DropboxRefusedError extends BackendError {
  readonly retryable = false;
  constructor(message: string, readonly summary: string, options: ErrorOptions = {}) {
    super('ERR_DROPBOX_REFUSED', message, {
      exitCode: ExitCode.NoRetryError,
      hint: hintFor(summary),
      ...options,
    });
  }
}

function hintFor(summary: string): string {
  if (summary.includes('malformed_path') || summary.includes('disallowed_name')) return 'Dropbox does not accept this name; rename it or exclude it with --exclude';
  if (summary.includes('restricted_content')) return 'Dropbox blocks this file (copyright or policy); it cannot be downloaded';
  return 'see the Dropbox error in the message';
}

/**
 * The final line of a command that had errors, in rclone's words: `failed to
 * copy: <error>` for one error, `failed to copy with 3 errors: last error
 * was: <error>` for more.
 */
export function failedMessage(verb: string, errors: number, last: string): string {
  return errors <= 1 ? `failed to ${verb}: ${last}` : `failed to ${verb} with ${errors} errors: last error was: ${last}`;
}

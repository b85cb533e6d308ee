/**
 * A mistake the user can fix (a bad name, a folder in use). It carries a
 * stable code and a hint, and is printed as one line, never as a stack trace.
 */
export class ScaffoldError extends Error {
  readonly code: string;
  readonly hint: string;

  constructor(code: string, message: string, hint: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.code = code;
    this.hint = hint;
  }
}

/** Usage errors exit 1, as rsyncish's (docs/exit-codes.md). */
export const USAGE_EXIT_CODE = 1;

/** The one line rsyncish prints for a failure, so both tools read alike. */
export function errorLine(err: ScaffoldError): string {
  return `ERROR : ${err.message} (hint: ${err.hint})`;
}

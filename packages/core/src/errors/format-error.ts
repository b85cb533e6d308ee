import { RsyncishError } from './rsyncish-error.js';

/**
 * One line for a human: the message and, when known, the hint. Never a stack.
 * Errors that are not ours (a bug, an unexpected Node error) keep their message.
 */
export function formatError(err: unknown): string {
  if (err instanceof RsyncishError) {
    return err.hint ? `${err.message} (hint: ${err.hint})` : err.message;
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${err.message} [${code}]` : err.message;
  }
  return String(err);
}

import { errorCode, hintOf } from './error-shape.js';

/**
 * One line for a human: the message and, when known, the hint. Never a stack.
 * Errors that are not ours (a bug, an unexpected Node error) keep their message.
 */
export function formatError(err: unknown): string {
  if (errorCode(err)) {
    const hint = hintOf(err);
    const message = (err as Error).message;
    return hint ? `${message} (hint: ${hint})` : message;
  }
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code ? `${err.message} [${code}]` : err.message;
  }
  return String(err);
}

/**
 * Errors are recognised by shape (`code`, `retryable`, `exitCode`), never by
 * `instanceof`: a plugin installed with `plugins install` may carry its own copy
 * of @rsyncish/core, whose error classes are different objects.
 */
export interface ErrorShape {
  code?: unknown;
  hint?: unknown;
  exitCode?: unknown;
  retryable?: unknown;
  retryAfterMs?: unknown;
}

function shape(err: unknown): ErrorShape | undefined {
  return typeof err === 'object' && err !== null ? (err as ErrorShape) : undefined;
}

/** Our stable `ERR_*` code, when the error is one of ours (from any copy of core). */
export function errorCode(err: unknown): string | undefined {
  const c = shape(err)?.code;
  return typeof c === 'string' && c.startsWith('ERR_') ? c : undefined;
}

export function isNotFound(err: unknown): boolean {
  return errorCode(err) === 'ERR_NOT_FOUND';
}

/** A source that is no longer a regular file (NotARegularFileError): skipped, not failed. */
export function isNotARegularFile(err: unknown): boolean {
  return errorCode(err) === 'ERR_NOT_A_REGULAR_FILE';
}

export function isRetryable(err: unknown): boolean {
  return shape(err)?.retryable === true;
}

export function retryAfterMsOf(err: unknown): number | undefined {
  const v = shape(err)?.retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function hintOf(err: unknown): string | undefined {
  const h = shape(err)?.hint;
  return errorCode(err) && typeof h === 'string' && h !== '' ? h : undefined;
}

export function exitCodeOf(err: unknown): number | undefined {
  const e = shape(err)?.exitCode;
  return errorCode(err) && typeof e === 'number' ? e : undefined;
}

import type { Entry } from '../contract/entry.js';
import { errorCode, exitCodeOf } from './error-shape.js';
import { ExitCode, RsyncishError } from './rsyncish-error.js';

/** One entry of a directory that could not be listed, and why. */
export interface EntryFailure {
  /** The entry's name inside the directory. */
  name: string;
  error: Error;
}

/**
 * A directory was read, but some of its entries could not be (with -L, a
 * symlink whose target is gone). The directory itself did not fail: the
 * engine keeps `listed` and counts one error per failed entry, as rclone
 * does, and (being errors) they still stop sync from deleting.
 * `listed` holds every good entry: `listAll` throws it instead of returning
 * them, and `list` throws it after yielding them.
 */
export class PartialListingError extends RsyncishError {
  readonly retryable = false;
  constructor(
    message: string,
    readonly listed: Entry[],
    readonly failures: EntryFailure[],
  ) {
    super('ERR_PARTIAL_LISTING', message, { exitCode: exitCodeOf(failures[0]?.error) ?? ExitCode.UncategorizedError });
  }
}

/** The listed entries and failures of a PartialListingError (from any copy of core), else undefined. */
export function partialListingOf(err: unknown): { listed: Entry[]; failures: EntryFailure[] } | undefined {
  if (errorCode(err) !== 'ERR_PARTIAL_LISTING') return undefined;
  const { listed, failures } = err as PartialListingError;
  return Array.isArray(listed) && Array.isArray(failures) ? { listed, failures } : undefined;
}

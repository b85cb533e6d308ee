import type { EventEmitter } from 'node:events';

/**
 * What a file error interrupted, for the log's wording: a transfer (or a
 * listing), a deletion, a move into --backup-dir, a file --immutable kept;
 * 'none' for an error already told by a notice (--max-transfer's soft stop).
 */
export type FailedOp = 'copy' | 'delete' | 'backup' | 'immutable' | 'none';

/** What the engine tells the outside world. It prints nothing itself. */
export interface EngineEvents {
  /** A file is about to be transferred. */
  'transfer-start': [{ path: string; size: number }];
  'transfer-done': [{ path: string; size: number; ms: number; action: 'copied' | 'updated' | 'modtime' | 'moved' }];
  /**
   * move of a whole tree: the destination `on` took it in one server-side
   * operation (`moved`), would have in a dry run, or could not (`why`) and
   * the files are moved one by one.
   */
  'dir-move': [{ outcome: 'moved' | 'dry-run' | 'fallback'; on: string; why?: string; flag?: '--interactive' }];
  /** A file was compared and found up to date (or skipped by a rule). */
  check: [{ path: string; result: 'equal' | 'skipped'; reason: string }];
  /** A dry run would do this; `flag` '--interactive': the user said no to it under -i. */
  'dry-run': [{ path: string; action: string; size?: number; flag?: '--interactive' }];
  /** A file deleted by sync (dst) or move (src), or an emptied directory removed; `backup`: moved into --backup-dir instead. */
  deleted: [{ path: string; side: 'src' | 'dst' | 'dir'; backup?: boolean }];
  /** --track-renames: a destination file was renamed to a new source file's name instead of a copy. */
  renamed: [{ from: string; to: string }];
  /**
   * A destination file moved into the --backup-dir (or renamed with --suffix),
   * now named `to` there; `serverSide` false when it was copied there and then deleted.
   */
  'backed-up': [{ path: string; to: string; serverSide: boolean }];
  /** A transfer failed with an error worth another try, and is started again (attempt of `of`). */
  retry: [{ path: string; attempt: number; of: number; error: Error }];
  /** Something the user should know that is not an error. */
  notice: [{ message: string; path?: string; level?: 'error' | 'info' }];
  /**
   * A failed file or directory; the run goes on. `op` is what failed, for the
   * log's wording. (Not 'error': EventEmitter throws on an unheard 'error'.)
   */
  'file-error': [{ path: string; error: Error; op: FailedOp }];
}

export type EngineEmitter = EventEmitter<EngineEvents>;

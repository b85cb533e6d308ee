import type { EventEmitter } from 'node:events';

/** What a file error interrupted: a transfer (or a listing), or a deletion. */
export type FailedOp = 'copy' | 'delete';

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
  'dir-move': [{ outcome: 'moved' | 'dry-run' | 'fallback'; on: string; why?: string }];
  /** A file was compared and found up to date (or skipped by a rule). */
  check: [{ path: string; result: 'equal' | 'skipped'; reason: string }];
  /** A dry run would do this. */
  'dry-run': [{ path: string; action: string; size?: number }];
  /** A file deleted by sync (dst) or move (src), or an emptied directory removed. */
  deleted: [{ path: string; side: 'src' | 'dst' | 'dir' }];
  /** A transfer failed with an error worth another try, and is started again (attempt of `of`). */
  retry: [{ path: string; attempt: number; of: number; error: Error }];
  /** Something the user should know that is not an error. */
  notice: [{ message: string; path?: string }];
  /**
   * A failed file or directory; the run goes on. `op` is what failed, for the
   * log's wording. (Not 'error': EventEmitter throws on an unheard 'error'.)
   */
  'file-error': [{ path: string; error: Error; op: FailedOp }];
}

export type EngineEmitter = EventEmitter<EngineEvents>;

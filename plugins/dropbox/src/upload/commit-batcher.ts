import type { Logger } from '@rsyncish/core';
import type { FinishBatchEntry, FinishBatchResult, UploadSessionFinishArg } from '../api/types.js';

export interface BatchSettings {
  /** Entries per commit; a full batch is committed at once. */
  size: number;
  /** A batch idle this long is committed as it is. */
  idleMs: number;
}

interface Waiting {
  arg: UploadSessionFinishArg;
  resolve: (entry: FinishBatchEntry) => void;
  reject: (err: unknown) => void;
}

/**
 * Gathers the commits of finished upload sessions and sends them as one
 * finish_batch call (Dropbox serialises writes per namespace; one batch is
 * one write, where many single commits would hit too_many_write_operations).
 * Each caller waits for its own entry of the result: a file is never reported
 * stored before Dropbox says it is.
 */
export class CommitBatcher {
  private pending: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly settings: BatchSettings,
    private readonly send: (entries: UploadSessionFinishArg[]) => Promise<FinishBatchResult>,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  /** Queue one commit; resolves with its entry of the batch result (success or failure). */
  commit(arg: UploadSessionFinishArg, signal?: AbortSignal): Promise<FinishBatchEntry> {
    signal?.throwIfAborted();
    return new Promise<FinishBatchEntry>((resolve, reject) => {
      // Aborted while still queued: leave the batch; the session is simply never committed.
      const onAbort = () => {
        const at = this.pending.indexOf(waiting);
        if (at >= 0) {
          this.pending.splice(at, 1);
          reject(signal?.reason);
        }
      };
      const settled = () => signal?.removeEventListener('abort', onAbort);
      const waiting: Waiting = {
        arg,
        resolve: (entry) => {
          settled();
          resolve(entry);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      };
      this.pending.push(waiting);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.pending.length >= this.settings.size) this.flush();
      else this.restartTimer();
    });
  }

  /** Commit what is queued now and wait for every batch under way. */
  async close(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private restartTimer(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.logger.debug(`${this.what}: batch idle for ${this.settings.idleMs}ms so committing`);
      this.flush();
    }, this.settings.idleMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.settings.size);
    if (batch.length === 0) return;
    if (this.pending.length > 0) this.restartTimer();
    const running = this.commitBatch(batch).finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  private async commitBatch(batch: Waiting[]): Promise<void> {
    this.logger.debug(`${this.what}: committing batch of ${batch.length} starting with ${batch[0]!.arg.commit.path}`);
    let result: FinishBatchResult;
    try {
      result = await this.send(batch.map((w) => w.arg));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    const entries = result.entries ?? [];
    if (entries.length !== batch.length) {
      const err = new Error(`finish_batch: expected ${batch.length} results but got ${entries.length}`);
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => w.resolve(entries[i]!));
  }
}

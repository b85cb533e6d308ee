import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileDurably } from './durable-file.js';
import type { Journal } from './journal.js';

/**
 * The saved state of the emulator: a snapshot file written atomically (temp + fsync + rename),
 * debounced so a burst of changes costs one write, plus a journal of the changes made since.
 * commit() is for a change about to be acknowledged: it appends what changed since the last
 * record to the journal, flushed, so it costs the change's size rather than the drive's. A
 * snapshot empties the journal. A crash leaves the old or the new snapshot, never half of one,
 * and a journal whose lines replay on top of it.
 */
export class StateFile<T, R> {
  private timer: NodeJS.Timeout | undefined;
  /** Every write (journal record or snapshot) runs after the one before, so none interleave. */
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => T,
    private readonly journal: Journal<R>,
    /** The changes since the last record or snapshot, as one record (undefined: none); taking them forgets them. */
    private readonly takeRecord: () => R | undefined,
    private readonly debounceMs: number,
    private readonly afterSave: () => Promise<void> = async () => {},
    /** Who is saving, for the one line a failed background save writes to stderr. */
    private readonly name = 'emulator',
  ) {}

  async load(): Promise<{ snapshot: T | undefined; records: R[] }> {
    let snapshot: T | undefined;
    try {
      snapshot = JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${this.path}: ${(err as Error).message}`);
    }
    return { snapshot, records: await this.journal.load() };
  }

  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((err: unknown) => {
        process.stderr.write(`${this.name}: saving metadata failed: ${(err as Error).message}\n`);
      });
    }, this.debounceMs);
    this.timer.unref();
  }

  /**
   * Resolves once every change made so far is on disk: in a journal record written now (one
   * record for all the changes made since the last), or in a write already under way.
   */
  commit(): Promise<void> {
    return this.enqueue(async () => {
      const record = this.takeRecord();
      if (record !== undefined) await this.journal.append(record);
    });
  }

  /** Writes a snapshot now if anything changed, and empties the journal it covers. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.enqueue(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        // The snapshot holds every change so far: no record of them is needed any more.
        this.takeRecord();
        const text = JSON.stringify(this.snapshot());
        const tmp = `${this.path}.${process.pid}.tmp`;
        await mkdir(dirname(this.path), { recursive: true });
        await writeFileDurably(this.path, tmp, text);
        await this.journal.clear();
      } catch (err) {
        this.dirty = true;
        throw err;
      }
      await this.afterSave();
    });
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    // A failed write fails its own callers only; the next one still runs.
    this.writing = this.writing.catch(() => {}).then(write);
    return this.writing;
  }
}

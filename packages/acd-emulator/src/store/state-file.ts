import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileDurably } from './durable-file.js';

/**
 * One JSON file written atomically (temp + fsync + rename) and debounced, so a burst of changes
 * costs one write and a crash leaves either the old or the new file, never half of one.
 * commit() is for a change about to be acknowledged: it resolves once that change is on disk.
 */
export class StateFile<T> {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => T,
    private readonly debounceMs: number,
    private readonly afterSave: () => Promise<void> = async () => {},
  ) {}

  async load(): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`cannot read ${this.path}: ${(err as Error).message}`);
    }
  }

  markDirty(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((err: unknown) => {
        process.stderr.write(`acd-emulator: saving metadata failed: ${(err as Error).message}\n`);
      });
    }, this.debounceMs);
    this.timer.unref();
  }

  /**
   * Resolves once every change made so far is on disk: a write now if any is pending, else
   * the write in progress, which took its snapshot after them.
   */
  commit(): Promise<void> {
    return this.dirty ? this.flush() : this.writing;
  }

  /** Writes now if anything changed; saves are serialised so they never interleave. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    // A failed save fails its own callers only; the next save tries again.
    this.writing = this.writing.catch(() => {}).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        const text = JSON.stringify(this.snapshot());
        const tmp = `${this.path}.${process.pid}.tmp`;
        await mkdir(dirname(this.path), { recursive: true });
        await writeFileDurably(this.path, tmp, text);
      } catch (err) {
        this.dirty = true;
        throw err;
      }
      await this.afterSave();
    });
    return this.writing;
  }
}

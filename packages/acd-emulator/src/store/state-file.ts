import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One JSON file written atomically (temp + rename) and debounced, so a burst of changes costs
 * one write and a crash leaves either the old or the new file, never half of one.
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

  /** Writes now if anything changed; saves are serialised so they never interleave. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const text = JSON.stringify(this.snapshot());
      const tmp = `${this.path}.${process.pid}.tmp`;
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(tmp, text);
      await rename(tmp, this.path);
      await this.afterSave();
    });
    return this.writing;
  }
}

import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncPath } from './durable-file.js';

/**
 * An append-only file of JSON lines, each flushed to disk before append()
 * resolves: the cheap way to make one change durable, where rewriting the
 * whole metadata file costs time in proportion to the drive. A crash can
 * leave only the last line torn, and a torn line was never acknowledged, so
 * load() drops it.
 */
export class Journal<R> {
  /** Whether the file's name is known to be on disk (its folder flushed since it was made). */
  private named = false;

  constructor(private readonly path: string) {}

  async load(): Promise<R[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines = text.split('\n');
    // Everything up to the last newline was written whole; after it, at most a torn line,
    // cut off now so that the next line appended does not land on the end of it.
    const torn = lines.pop();
    if (torn) await this.truncate(Buffer.byteLength(text) - Buffer.byteLength(torn));
    return lines.map((line, i) => {
      try {
        return JSON.parse(line) as R;
      } catch {
        throw new Error(`${this.path}: line ${i + 1} is not valid JSON`);
      }
    });
  }

  async append(record: R): Promise<void> {
    const handle = await open(this.path, 'a');
    try {
      await handle.writeFile(`${JSON.stringify(record)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await this.keepName();
  }

  /** Empty the journal once a snapshot holds everything in it. */
  async clear(): Promise<void> {
    const handle = await open(this.path, 'w');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await this.keepName();
  }

  private async truncate(length: number): Promise<void> {
    const handle = await open(this.path, 'r+');
    try {
      await handle.truncate(length);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  /** A file's bytes survive a crash only if its name does: flush the folder once. */
  private async keepName(): Promise<void> {
    if (this.named) return;
    await syncPath(dirname(this.path));
    this.named = true;
  }
}

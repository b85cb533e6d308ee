import { open, readFile } from 'node:fs/promises';

/**
 * An append-only file of JSON lines, each flushed to disk before append()
 * resolves: the cheap way to make one change durable, where rewriting the
 * whole metadata file costs time in proportion to the drive. A crash can
 * leave only the last line torn, and a torn line was never acknowledged, so
 * load() drops it.
 */
export class Journal<R> {
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
    // Everything up to the last newline was written whole; after it, at most a torn line.
    lines.pop();
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
  }

  /** Empty the journal once a snapshot holds everything in it. */
  async clear(): Promise<void> {
    const handle = await open(this.path, 'w');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAbortSignal, Readable } from 'node:stream';
import { once } from 'node:events';

/** Input up to this size is held in memory; more goes to a temp file. */
const MEMORY_LIMIT = 8 * 1024 * 1024;

export interface Spooled {
  size: number;
  md5: string;
  sha1: string;
  /** A fresh stream of the whole content, as often as needed. */
  open(): Readable;
  /** Remove the temp file, if one was made. */
  dispose(): Promise<void>;
}

/**
 * Read a stream to its end before anything is stored, so an input that
 * breaks off (a killed producer, Ctrl-C) never replaces the destination's
 * previous version with part of the new one: only a complete input is
 * uploaded, with its exact size and hashes for the backend to check. An
 * aborted read removes its temp file before it rethrows.
 */
export async function spool(input: Readable, signal?: AbortSignal): Promise<Spooled> {
  // Ctrl-C stops the reading at once, even while the producer sends nothing.
  if (signal) addAbortSignal(signal, input);
  const md5 = createHash('md5');
  const sha1 = createHash('sha1');
  const chunks: Buffer[] = [];
  let size = 0;
  let dir: string | undefined;
  let file: ReturnType<typeof createWriteStream> | undefined;
  try {
    for await (const chunk of input) {
      const buf = chunk as Buffer;
      md5.update(buf);
      sha1.update(buf);
      size += buf.length;
      if (file) {
        if (!file.write(buf)) await once(file, 'drain');
      } else if (size > MEMORY_LIMIT) {
        dir = await fsp.mkdtemp(join(tmpdir(), 'rsyncish-rcat-'));
        file = createWriteStream(join(dir, 'stdin'), { mode: 0o600 });
        for (const c of chunks) file.write(c);
        chunks.length = 0;
        if (!file.write(buf)) await once(file, 'drain');
      } else {
        chunks.push(buf);
      }
    }
    if (file) {
      file.end();
      await once(file, 'finish');
    }
  } catch (err) {
    file?.destroy();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
    throw err;
  }
  const path = dir ? join(dir, 'stdin') : undefined;
  const whole = path ? undefined : Buffer.concat(chunks);
  return {
    size,
    md5: md5.digest('hex'),
    sha1: sha1.digest('hex'),
    open: () => (path ? createReadStream(path) : Readable.from(whole!.length > 0 ? [whole!] : [])),
    dispose: async () => {
      if (dir) await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

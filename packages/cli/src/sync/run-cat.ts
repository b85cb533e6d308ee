import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { Filter, walk, type Backend, type Entry } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { ErrorTally } from '../output/error-tally.js';

export interface CatRange {
  /** Bytes to skip; negative counts from the end (rclone's --offset). */
  offset: number;
  /** Bytes to print; -1 = to the end. */
  count: number;
  /** --discard: read the bytes but print nothing. */
  discard?: boolean;
}

/** `cat`: stream each file (or a byte range of it) to stdout, one after another. */
export async function runCat(session: Session, path: string, range: CatRange): Promise<void> {
  const remote = await session.open(path);
  const errors = new ErrorTally(session.logger, session.json, 'failed to read');
  try {
    const root = await statSourceRoot(session, remote);
    if (root.kind === 'file') {
      await catOne(remote.backend, { ...root, path: '' }, range);
    } else {
      const files: Entry[] = [];
      for await (const e of walk(remote.backend, { checkers: session.engine.checkers, filter: new Filter(session.filter), onError: errors.add })) {
        if (e.kind === 'file') files.push(e);
      }
      for (const e of files) await catOne(remote.backend, e, range).catch((err: unknown) => errors.add(e.path, err as Error));
    }
  } finally {
    await remote.backend.close?.();
  }
  errors.throwIfAny('cat');
}

async function catOne(backend: Backend, e: Entry, range: CatRange): Promise<void> {
  let start = range.offset < 0 ? Math.max(0, e.size + range.offset) : range.offset;
  if (e.size >= 0) start = Math.min(start, e.size);
  let end = range.count < 0 ? undefined : start + range.count; // exclusive, as GetOptions.range
  if (end !== undefined && e.size >= 0) end = Math.min(end, e.size);
  if (end !== undefined && end <= start) return;
  if (e.size >= 0 && start >= e.size && e.size > 0) return;
  const whole = start === 0 && end === undefined;
  const input: Readable = await backend.get(e.path, whole ? {} : { range: { start, end } });
  for await (const chunk of input) {
    if (range.discard) continue;
    if (!process.stdout.write(chunk as Buffer)) await once(process.stdout, 'drain');
  }
}

import pLimit from 'p-limit';
import type { Backend, Entry, HashType } from '../contract/index.js';
import { RsyncishError } from '../errors/index.js';
import type { Filter } from '../filter/index.js';
import { HashingStream } from '../hashing/index.js';
import { walk } from '../engine/walk.js';

export interface HashSumOptions {
  filter?: Filter;
  checkers: number;
  /** --fast-list: one recursive listing where the backend has one. */
  fastList?: boolean;
  /** Read the content and hash it here instead of asking the backend. */
  download: boolean;
  onLine(hash: string, path: string): void;
  onError(path: string, err: Error): void;
}

/** md5sum / sha1sum: one line per file, hashes from the backend or computed from the bytes. */
export async function hashSum(backend: Backend, type: HashType, o: HashSumOptions): Promise<void> {
  if (!o.download && !backend.capabilities.hashes.includes(type)) {
    throw new RsyncishError('ERR_HASH_UNSUPPORTED', `${backend.name} does not support ${type} hashes`, {
      hint: '--download computes it from the content instead', exitCode: 1,
    });
  }
  const limit = pLimit(Math.max(1, o.checkers));
  const work: Promise<void>[] = [];
  const one = async (e: Entry) => {
    const h = o.download ? await hashContent(backend, e, type) : e.hashes?.[type] || (await backend.hash?.(e.path, type));
    o.onLine(h ?? '', e.path);
  };
  const root = await backend.stat('').catch(() => undefined);
  if (root?.kind === 'file') {
    await one({ ...root, path: root.path || '' });
    return;
  }
  for await (const e of walk(backend, { checkers: o.checkers, filter: o.filter, onError: o.onError, fastList: o.fastList })) {
    if (e.kind !== 'file') continue;
    work.push(limit(() => one(e)).catch((err: unknown) => o.onError(e.path, err as Error)));
  }
  await Promise.all(work);
}

async function hashContent(backend: Backend, e: Entry, type: HashType): Promise<string> {
  const h = new HashingStream([type]);
  const input = await backend.get(e.path);
  for await (const _ of input.pipe(h)) { /* hashing happens as the bytes pass */ }
  return h.digests()[type] ?? '';
}

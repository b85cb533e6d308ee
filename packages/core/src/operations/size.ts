import type { Backend } from '../contract/index.js';
import type { Filter } from '../filter/index.js';
import { walk } from '../engine/walk.js';

export interface SizeTotal {
  count: number;
  bytes: number;
  /** Files whose size the backend does not know (not added to bytes). */
  unknown: number;
}

/** Number of files and total bytes under a path. */
export async function totalSize(backend: Backend, o: { filter?: Filter; checkers: number; fastList?: boolean; onError(p: string, e: Error): void }): Promise<SizeTotal> {
  const total: SizeTotal = { count: 0, bytes: 0, unknown: 0 };
  const root = await backend.stat('').catch(() => undefined);
  const entries = root?.kind === 'file' ? [root] : walk(backend, { checkers: o.checkers, filter: o.filter, onError: o.onError, fastList: o.fastList });
  for await (const e of entries) {
    if (e.kind !== 'file') continue;
    total.count++;
    if (e.size >= 0) total.bytes += e.size;
    else total.unknown++;
  }
  return total;
}

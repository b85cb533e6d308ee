import type { Backend, Entry, HashType } from '../contract/index.js';
import { UsageError } from '../errors/index.js';
import { commonHash } from './decide.js';
import { modTimeWindowNs } from './mod-time-window.js';
import type { EngineOptions } from './options.js';

/** What makes a source file and an extraneous destination file the same file renamed (size always). */
export type RenameStrategy = 'hash' | 'modtime' | 'leaf';

/** rclone's --track-renames-strategy: a comma list of hash, modtime and leaf. */
export function parseRenameStrategy(text: string): RenameStrategy[] {
  const out: RenameStrategy[] = [];
  for (const part of text.split(',')) {
    const s = part.trim();
    if (s === '') continue;
    if (s !== 'hash' && s !== 'modtime' && s !== 'leaf') {
      throw new UsageError('ERR_BAD_FLAG', `unknown track renames strategy ${JSON.stringify(s)}`, { hint: 'give hash, modtime or leaf, or a comma list of them (hash,leaf)' });
    }
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * Why renames cannot be tracked in this run, in rclone's words (the run goes
 * on without), or undefined when they can: only sync deletes what a rename
 * replaces, the destination must move or copy on its own, and the strategy's
 * hash or modtimes must be comparable.
 */
export function whyNoRenames(mode: string, src: Backend, dst: Backend, strategies: RenameStrategy[], options: EngineOptions): string | undefined {
  if (!dst.moveFrom && !dst.copyFrom) return 'Ignoring --track-renames as the destination does not support server-side move or copy';
  if (strategies.includes('hash') && !commonHash(src.capabilities, dst.capabilities)) return 'Ignoring --track-renames as the source and destination do not have a common hash';
  if (strategies.includes('modtime') && modTimeWindowNs(src.capabilities, dst.capabilities, options.modifyWindowNs) === undefined) {
    return 'Ignoring --track-renames as either the source or destination do not support modtime';
  }
  if (mode !== 'sync') return "Ignoring --track-renames as it doesn't work with copy or move, only sync";
  return undefined;
}

/**
 * Pairs source files that have no destination file with extraneous
 * destination files that are the same file under another name: equal size,
 * and equal hash, modtime (to the coarser precision) or leaf name as the
 * strategies say. Each destination file pairs at most once.
 */
export async function matchRenames(
  src: Backend,
  dst: Backend,
  strategies: RenameStrategy[],
  options: EngineOptions,
  sources: Entry[],
  extraneous: Entry[],
): Promise<Array<{ src: Entry; dst: Entry }>> {
  const hash = strategies.includes('hash') ? commonHash(src.capabilities, dst.capabilities) : undefined;
  const windowNs = modTimeWindowNs(src.capabilities, dst.capabilities, options.modifyWindowNs) ?? 1;
  const windowMs = Math.max(1, windowNs / 1e6);
  const key = async (b: Backend, e: Entry): Promise<string | undefined> => {
    const parts = [String(e.size)];
    if (hash) {
      const h = e.hashes?.[hash] || (await b.hash?.(e.path, hash as HashType));
      if (!h) return undefined;
      parts.push(h);
    }
    if (strategies.includes('modtime')) {
      if (e.modTime === undefined) return undefined;
      parts.push(String(Math.floor(e.modTime / windowMs)));
    }
    if (strategies.includes('leaf')) parts.push(e.path.slice(e.path.lastIndexOf('/') + 1));
    return parts.join('\u0000');
  };
  const byKey = new Map<string, Entry[]>();
  for (const d of extraneous) {
    if (d.kind !== 'file') continue;
    const k = await key(dst, d);
    if (k === undefined) continue;
    const list = byKey.get(k);
    if (list) list.push(d);
    else byKey.set(k, [d]);
  }
  const pairs: Array<{ src: Entry; dst: Entry }> = [];
  for (const s of sources) {
    const k = await key(src, s);
    const d = k === undefined ? undefined : byKey.get(k)?.shift();
    if (d) pairs.push({ src: s, dst: d });
  }
  return pairs;
}

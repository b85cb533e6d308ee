import type { Capabilities, Entry, HashType } from '../contract/index.js';
import { modTimeDiffNs, modTimeWindowNs } from './mod-time-window.js';
import type { EngineOptions } from './options.js';

/**
 * The one decision table for "is this destination file up to date?".
 * Rows are tried top to bottom; the first that applies decides:
 *
 * | # | condition                                   | result                        |
 * |---|---------------------------------------------|-------------------------------|
 * | 1 | no destination file                         | transfer (new)                |
 * | 2 | --ignore-existing                           | skip                          |
 * | 3 | --ignore-times                              | transfer                      |
 * | 4 | --update and destination is newer           | skip                          |
 * | 5 | sizes differ (both known), no --ignore-size | transfer                      |
 * | 6 | --size-only                                 | equal                         |
 * | 7 | --checksum with a common hash               | equal iff hashes match        |
 * | 8 | --checksum without one                      | equal (sizes matched; noticed)|
 * | 9 | modtimes comparable, within the window      | equal                         |
 * |10 | modtimes differ, common hash, hashes match  | equal, fix destination modtime|
 * |11 | modtimes differ otherwise                   | transfer                      |
 * |12 | modtimes not comparable                     | equal (sizes matched)         |
 *
 * The window (rows 4, 9) is the coarser precision of the two sides, or
 * --modify-window when larger (mod-time-window.ts), compared in nanoseconds.
 */
export type Decision =
  | { action: 'transfer'; reason: string }
  | { action: 'skip'; reason: string }
  | { action: 'equal'; reason: string }
  | { action: 'set-modtime'; reason: string };

/** What the rows without hashes need. */
export interface QuickDecideContext {
  src: Capabilities;
  dst: Capabilities;
  options: EngineOptions;
  /** Called once per run when --checksum cannot be honoured. */
  noCommonHash(): void;
}

/** Hashes fetched lazily (a local backend may read the whole file). */
export interface HashSources {
  srcHash(type: HashType): Promise<string | undefined>;
  dstHash(type: HashType): Promise<string | undefined>;
}

export type DecideContext = QuickDecideContext & HashSources;

/** The first hash both sides can give, preferring the cheapest-to-get order of the destination. */
export function commonHash(a: Capabilities, b: Capabilities): HashType | undefined {
  return b.hashes.find((h) => a.hashes.includes(h));
}

/** What decideWithoutHashes cannot settle alone: compare this hash, with this outcome when it matches. */
export interface HashNeeded {
  action: 'compare-hashes';
  hash: HashType;
  onMatch: Decision;
}

export async function decide(src: Entry, dst: Entry | undefined, ctx: DecideContext): Promise<Decision> {
  const d = decideWithoutHashes(src, dst, ctx);
  return d.action === 'compare-hashes' ? decideByHashes(d, ctx) : d;
}

/**
 * The decision table up to the rows that need hashes. Synchronous, so the
 * engine settles the common case (sizes and modtimes) without queueing any work.
 */
export function decideWithoutHashes(src: Entry, dst: Entry | undefined, ctx: QuickDecideContext): Decision | HashNeeded {
  const o = ctx.options;
  if (!dst) return { action: 'transfer', reason: 'new file' };
  if (o.ignoreExisting) return { action: 'skip', reason: 'destination exists (--ignore-existing)' };
  if (o.ignoreTimes) return { action: 'transfer', reason: '--ignore-times' };
  const window = modTimeWindowNs(ctx.src, ctx.dst, o.modifyWindowNs);
  if (o.update && window !== undefined && src.modTime !== undefined && dst.modTime !== undefined) {
    if (modTimeDiffNs(dst, src) >= window) return { action: 'skip', reason: 'destination is newer (--update)' };
  }
  if (!o.ignoreSize && src.size >= 0 && dst.size >= 0 && src.size !== dst.size) {
    return { action: 'transfer', reason: `sizes differ (${src.size} vs ${dst.size})` };
  }
  if (o.sizeOnly) return { action: 'equal', reason: 'sizes match (--size-only)' };
  const hash = commonHash(ctx.src, ctx.dst);
  if (o.checksum) {
    if (!hash) {
      ctx.noCommonHash();
      return { action: 'equal', reason: 'sizes match (no common hash for --checksum)' };
    }
    return { action: 'compare-hashes', hash, onMatch: { action: 'equal', reason: `${hash} matches` } };
  }
  if (window === undefined || src.modTime === undefined || dst.modTime === undefined) {
    return { action: 'equal', reason: 'sizes match (modtimes not comparable)' };
  }
  if (Math.abs(modTimeDiffNs(src, dst)) < window) return { action: 'equal', reason: 'size and modtime match' };
  if (hash) {
    return { action: 'compare-hashes', hash, onMatch: { action: 'set-modtime', reason: `modtime differs but ${hash} matches` } };
  }
  return { action: 'transfer', reason: 'modtimes differ' };
}

/** The hash rows: what decideWithoutHashes left open, settled by fetching both hashes. */
export async function decideByHashes({ hash: type, onMatch }: HashNeeded, ctx: HashSources): Promise<Decision> {
  const [a, b] = await Promise.all([ctx.srcHash(type), ctx.dstHash(type)]);
  if (a === undefined || b === undefined || a === '' || b === '') {
    return { action: 'transfer', reason: `${type} unknown on one side` };
  }
  return a === b ? onMatch : { action: 'transfer', reason: `${type} differs` };
}

import pLimit from 'p-limit';
import type { Readable } from 'node:stream';
import type { Backend, Entry, HashType } from '../contract/index.js';
import { Filter, type FilterOptions } from '../filter/index.js';
import type { Accounting } from './accounting.js';
import { commonHash } from './decide.js';
import { Backpressure, WorkSet } from './backpressure.js';
import { march } from './march.js';

export type CheckOutcome = 'match' | 'differ' | 'missing-on-dst' | 'missing-on-src' | 'error';

export interface CheckJob {
  src: Backend;
  dst: Backend;
  checkers: number;
  filter?: Filter | FilterOptions;
  /** Only report files missing on the destination, not extra ones there. */
  oneWay: boolean;
  sizeOnly: boolean;
  /** Compare content byte for byte by reading both sides. */
  download: boolean;
  /** Match names case-insensitively whatever the destination declares (--ignore-case-sync). */
  ignoreCaseSync?: boolean;
  /** --fast-list: read each side with one recursive listing where its backend has one. */
  fastList?: boolean;
  onResult(path: string, outcome: CheckOutcome, detail: string): void;
}

export interface CheckSummary {
  matches: number;
  differences: number;
  missingOnDst: number;
  missingOnSrc: number;
  /** Pairs whose hash could not be read on one side (counted as matching by size). */
  unhashed: number;
  errors: number;
  /** The hash compared, or undefined when sizes (or bytes) were compared. */
  hash?: HashType;
}

/**
 * Compare two trees without changing either: files missing on each side,
 * files whose size, hash (or, with --download, bytes) differ.
 */
export async function check(job: CheckJob, stats: Accounting): Promise<CheckSummary> {
  const { src, dst } = job;
  const filter = job.filter instanceof Filter ? job.filter : new Filter(job.filter ?? {});
  const hash = job.sizeOnly || job.download ? undefined : commonHash(src.capabilities, dst.capabilities);
  if (!hash && !job.sizeOnly && !job.download) {
    stats.emit('notice', { message: `${src.name} and ${dst.name} have no hash in common; checking sizes only (use --download to compare content)` });
  }
  const summary: CheckSummary = { matches: 0, differences: 0, missingOnDst: 0, missingOnSrc: 0, unhashed: 0, errors: 0, hash };
  const pressure = new Backpressure(pLimit(Math.max(1, job.checkers)));
  const work = new WorkSet();
  const report = (path: string, outcome: CheckOutcome, detail: string) => {
    if (outcome === 'match') summary.matches++;
    else if (outcome === 'error') summary.errors++;
    else {
      summary.differences++;
      if (outcome === 'missing-on-dst') summary.missingOnDst++;
      if (outcome === 'missing-on-src') summary.missingOnSrc++;
    }
    job.onResult(path, outcome, detail);
  };

  const compare = async (s: Entry, d: Entry): Promise<void> => {
    stats.checks++;
    if (s.size >= 0 && d.size >= 0 && s.size !== d.size) return report(s.path, 'differ', 'sizes differ');
    if (job.sizeOnly) return report(s.path, 'match', 'sizes match');
    if (job.download) {
      const same = await sameBytes(await src.get(s.path), await dst.get(d.path));
      return report(s.path, same ? 'match' : 'differ', same ? 'contents match' : 'contents differ');
    }
    if (!hash) return report(s.path, 'match', 'sizes match');
    const [a, b] = await Promise.all([
      s.hashes?.[hash] || src.hash?.(s.path, hash),
      d.hashes?.[hash] || dst.hash?.(d.path, hash),
    ]);
    if (!a || !b) {
      summary.unhashed++;
      return report(s.path, 'match', `${hash} unknown on one side; sizes match`);
    }
    return report(s.path, a === b ? 'match' : 'differ', a === b ? `${hash} matches` : `${hash} differ`);
  };

  // Every error of the run (a listing, a name clash, a hash) is a result too:
  // a line in the reports and a count in the summary, as in rclone.
  const onError = ({ path, error }: { path: string; error: Error }) => report(path, 'error', error.message);
  stats.on('file-error', onError);
  try {
    await march(src, dst, job.checkers, stats, {
      // Both sides through the filter, as rclone's check.
      include: (e) => (e.kind === 'dir' ? filter.includeDir(e.path) : filter.includeFile(e)),
      excludeListing: (s, d) => filter.listingHasMarker(s) || filter.listingHasMarker(d),
      kindsApart: true,
      fastList: job.fastList,
      backpressure: () => pressure.wait(),
      dir: ({ src: s, dst: d }) => s !== undefined || (d !== undefined && !job.oneWay),
      file: ({ src: s, dst: d, path }) => {
        if (s && !d) return report(path, 'missing-on-dst', `file not in ${dst.name}`);
        if (!s && d) {
          if (!job.oneWay) report(path, 'missing-on-src', `file not in ${src.name}`);
          return;
        }
        work.add(pressure.run(() => compare(s!, d!)).catch((err: unknown) => {
          stats.recordError(path, err instanceof Error ? err : new Error(String(err)));
        }));
      },
    }, job.ignoreCaseSync);
    await work.drain();
  } finally {
    stats.off('file-error', onError);
  }
  return summary;
}

/** Compare two streams chunk by chunk without holding either whole. */
async function sameBytes(a: Readable, b: Readable): Promise<boolean> {
  const ia = a[Symbol.asyncIterator]();
  const ib = b[Symbol.asyncIterator]();
  let bufA: Buffer = Buffer.alloc(0);
  let bufB: Buffer = Buffer.alloc(0);
  let doneA = false;
  let doneB = false;
  try {
    for (;;) {
      if (bufA.length === 0 && !doneA) {
        const r = await ia.next();
        if (r.done) doneA = true;
        else bufA = r.value as Buffer;
      }
      if (bufB.length === 0 && !doneB) {
        const r = await ib.next();
        if (r.done) doneB = true;
        else bufB = r.value as Buffer;
      }
      if (bufA.length === 0 && bufB.length === 0 && doneA && doneB) return true;
      if ((bufA.length === 0 && doneA) || (bufB.length === 0 && doneB)) return false;
      const n = Math.min(bufA.length, bufB.length);
      if (!bufA.subarray(0, n).equals(bufB.subarray(0, n))) return false;
      bufA = bufA.subarray(n);
      bufB = bufB.subarray(n);
    }
  } finally {
    a.destroy();
    b.destroy();
  }
}

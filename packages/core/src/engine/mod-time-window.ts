import type { Capabilities, Entry } from '../contract/index.js';

/**
 * rclone's modify window: two modtimes are the same when they differ by less
 * than the coarser precision of the two sides, or by less than --modify-window
 * when that is coarser still. Undefined when either side cannot keep modtimes.
 * Nanoseconds, so a 1 ns local filesystem compares exactly.
 */
export function modTimeWindowNs(src: Capabilities, dst: Capabilities, modifyWindowNs = 1): number | undefined {
  if (!src.modTime.read || !dst.modTime.read || !dst.modTime.write) return undefined;
  return Math.max(precisionNs(src), precisionNs(dst), modifyWindowNs, 1);
}

function precisionNs(c: Capabilities): number {
  return Math.round(c.modTime.precisionMs * 1e6);
}

/**
 * a - b in nanoseconds. Exact while the two are within ~100 days of each
 * other; beyond that the rounding is far below any window.
 */
export function modTimeDiffNs(a: Pick<Entry, 'modTime' | 'modTimeNanos'>, b: Pick<Entry, 'modTime' | 'modTimeNanos'>): number {
  return (a.modTime! - b.modTime!) * 1e6 + ((a.modTimeNanos ?? 0) - (b.modTimeNanos ?? 0));
}

/**
 * rclone (and python-swiftclient) keep a file's modification time in
 * `X-Object-Meta-Mtime` as decimal seconds with nine fraction digits.
 */
export const META_MTIME = 'x-object-meta-mtime';

/** Milliseconds since the epoch -> `seconds.nanoseconds`. */
export function formatMtime(ms: number): string {
  const whole = Math.floor(ms);
  const seconds = Math.floor(whole / 1000);
  return `${seconds}.${String(whole - seconds * 1000).padStart(3, '0')}000000`;
}

/** `seconds[.fraction]` -> milliseconds (truncated), or undefined when unreadable. */
export function parseMtime(text: string | undefined): number | undefined {
  const m = text ? /^\s*(-?\d+)(?:\.(\d*))?\s*$/.exec(text) : null;
  if (!m) return undefined;
  // The fraction counts up from the floored second, as formatMtime writes it.
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0').slice(0, 3));
}

/**
 * rclone (and python-swiftclient) keep a file's modification time in
 * `X-Object-Meta-Mtime` as decimal seconds with nine fraction digits.
 */
export const META_MTIME = 'x-object-meta-mtime';

/** Milliseconds since the epoch (+ nanoseconds past them) -> `seconds.nanoseconds`. */
export function formatMtime(ms: number, nanos = 0): string {
  const whole = Math.floor(ms);
  const seconds = Math.floor(whole / 1000);
  return `${seconds}.${String(whole - seconds * 1000).padStart(3, '0')}${String(nanos).padStart(6, '0')}`;
}

/** `seconds[.fraction]` -> milliseconds (truncated), or undefined when unreadable. */
export function parseMtime(text: string | undefined): number | undefined {
  const m = text ? /^\s*(-?\d+)(?:\.(\d*))?\s*$/.exec(text) : null;
  if (!m) return undefined;
  // The fraction counts up from the floored second, as formatMtime writes it.
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0').slice(0, 3));
}

/** The nanoseconds past the millisecond of an mtime string (its fraction's digits 4-9), 0 when it has none. */
export function parseMtimeNanos(text: string | undefined): number {
  const m = text ? /^\s*-?\d+\.\d{3}(\d{1,6})/.exec(text) : null;
  return m ? Number(m[1].padEnd(6, '0')) : 0;
}

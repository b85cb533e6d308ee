import type { Entry } from '@rsyncish/core';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2006-01-02 15:04:05` in local time, as rclone's Go layout prints it. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** rclone ls: `%9d path`. */
export function lsLine(e: Entry): string {
  return `${String(e.size).padStart(9)} ${e.path}`;
}

/**
 * rclone lsl: `%9d 2006-01-02 15:04:05.000000000 path`: the milliseconds, then
 * the nanoseconds past them where the backend knows them.
 */
export function lslLine(e: Entry, now: number): string {
  const ms = e.modTime ?? now;
  const frac = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  const nanos = String(e.modTime === undefined ? 0 : e.modTimeNanos ?? 0).padStart(6, '0');
  return `${String(e.size).padStart(9)} ${localDateTime(ms)}.${frac}${nanos} ${e.path}`;
}

/** rclone lsd: `%12d %13s %9d %s` — size, modtime, item count (-1 when unknown), name. */
export function lsdLine(e: Entry, now: number): string {
  const size = e.size < 0 ? -1 : e.size;
  return `${String(size).padStart(12)} ${localDateTime(e.modTime ?? now).padStart(13)} ${String(-1).padStart(9)} ${e.path}`;
}

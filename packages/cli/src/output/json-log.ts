import type { LogLevel } from '@rsyncish/core';

/** logrus's level names, which rclone's --use-json-log writes; logrus has no NOTICE, so it is "warning". */
const JSON_LEVEL: Record<LogLevel, string> = { critical: 'fatal', error: 'error', notice: 'warning', info: 'info', debug: 'debug' };

/** The `YYYY/MM/DD hh:mm:ss LEVEL : ` prefix of a text log line. */
const PREFIX = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d [A-Z]+ *: /;

/**
 * One log line as rclone's --use-json-log writes it: a JSON object with
 * `level`, `msg` and `time` (RFC 3339 with microseconds and the UTC offset),
 * keys in logrus's sorted order.
 */
export function jsonLogLine(line: string, level: LogLevel, now: Date = new Date()): string {
  return JSON.stringify({ level: JSON_LEVEL[level], msg: line.replace(PREFIX, ''), time: rfc3339Micro(now) });
}

function rfc3339Micro(d: Date): string {
  const p = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  return `${date}.${p(d.getMilliseconds(), 3)}000${sign}${p(offset / 60)}:${p(offset % 60)}`;
}

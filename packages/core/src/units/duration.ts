import { UsageError } from '../errors/index.js';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000,
  M: 2_592_000_000, y: 31_536_000_000,
};

const PART_RE = /(\d+(?:\.\d+)?|\.\d+)(ns|us|µs|ms|s|m|h|d|w|M|y)/gy;

/**
 * Parse a duration the way rclone does: Go style `1h30m`, `90s`, `500ms`, plus
 * rclone's `d`, `w`, `M` (30 days) and `y`. A plain number is seconds. `off` is -1.
 * Returns milliseconds.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const ms = parseDurationMs(text, what);
  return ms < 0 ? ms : Math.round(ms);
}

/** As parseDuration, in nanoseconds, for durations finer than a millisecond (--modify-window). */
export function parseDurationNs(text: string, what = 'duration'): number {
  const ms = parseDurationMs(text, what);
  return ms < 0 ? ms : Math.round(ms * 1e6);
}

function parseDurationMs(text: string, what: string): number {
  const t = text.trim();
  if (t === 'off') return -1;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  let total = 0;
  let pos = 0;
  PART_RE.lastIndex = 0;
  for (let m = PART_RE.exec(t); m; m = PART_RE.exec(t)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = PART_RE.lastIndex;
  }
  if (t === '' || pos !== t.length) {
    throw new UsageError('ERR_BAD_DURATION', `invalid ${what} "${text}"`, {
      hint: 'use a number with units, e.g. 90s, 3m, 1h30m, 2d',
    });
  }
  return total;
}

/** Go-style duration text as rclone prints it: `3m0s`, `1h30m0s`, `500ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

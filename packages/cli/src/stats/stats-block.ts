import type { Accounting } from '@rsyncish/core';
import { byteRateUnit, byteUnit, elapsed, percent, readableSeconds } from './rclone-units.js';

export interface StatsSnapshot {
  bytes: number;
  totalBytes: number;
  transfers: number;
  totalTransfers: number;
  checks: number;
  errors: number;
  /** At least one error was retryable: rclone says "(retrying may help)". */
  retryable: boolean;
  /** An error that ended the retries (exit code 7): rclone says "(fatal error encountered)". */
  fatal?: boolean;
  elapsedMs: number;
  inFlight: { path: string; size: number; bytes: number }[];
  /** Files and directories deleted (sync, move, delete); the line is shown when either is set. */
  deletedFiles?: number;
  deletedDirs?: number;
  /** sync had deletions to make but made none because of errors. */
  deletesSkipped?: boolean;
  /** Files moved server-side. */
  renames?: number;
}

export function snapshot(stats: Accounting, retryable: boolean): StatsSnapshot {
  return {
    bytes: stats.bytes,
    totalBytes: stats.totalBytes,
    transfers: stats.transfers,
    totalTransfers: stats.totalTransfers,
    checks: stats.checks,
    renames: stats.renames,
    errors: stats.errors,
    retryable,
    fatal: stats.hadFatalError,
    elapsedMs: stats.elapsedMs(),
    inFlight: [...stats.inFlight].map(([path, f]) => ({ path, ...f })),
  };
}

/**
 * The stats block rclone prints (at the end, and every --stats interval),
 * line for line:
 *
 *     Transferred:   	    1.964 KiB / 1.964 KiB, 100%, 0 B/s, ETA -
 *     Checks:                 4 / 4, 100%
 *     Transferred:            4 / 4, 100%
 *     Elapsed time:         0.1s
 *
 * It begins with a newline because rclone logs it as one message after the
 * `INFO  : ` prefix.
 */
export function statsBlock(s: StatsSnapshot, oneLine = false): string {
  if (oneLine) return statsLine(s);
  const seconds = s.elapsedMs / 1000;
  const lines = [`Transferred:   \t${bytesPart(s)}`];
  const n = (v: number) => String(v).padStart(10);
  const why = s.fatal ? ' (fatal error encountered)' : s.retryable ? ' (retrying may help)' : ' (no need to retry)';
  if (s.errors > 0) lines.push(`Errors:        ${n(s.errors)}${why}`);
  if (s.checks > 0) lines.push(`Checks:        ${n(s.checks)} / ${s.checks}, 100%`);
  if (s.deletesSkipped) lines.push(`Deleted:       ${n(s.deletedFiles ?? 0)} (not deleting: there were I/O errors)`);
  else if (s.deletedFiles || s.deletedDirs) lines.push(`Deleted:       ${n(s.deletedFiles ?? 0)} (files), ${s.deletedDirs ?? 0} (dirs)`);
  if (s.renames) lines.push(`Renamed:       ${n(s.renames)}`);
  const totalTransfers = Math.max(s.totalTransfers, s.transfers);
  if (totalTransfers > 0) lines.push(`Transferred:   ${n(s.transfers)} / ${totalTransfers}, ${percent(s.transfers, totalTransfers)}`);
  lines.push(`Elapsed time:  ${elapsed(s.elapsedMs).slice(0, -1).padStart(10)}s`);
  if (s.inFlight.length > 0) {
    lines.push('Transferring:');
    for (const f of s.inFlight) {
      const fileSpeed = seconds > 0 ? f.bytes / seconds : 0;
      const fileEta = fileSpeed > 0 && f.size >= f.bytes ? readableSeconds((f.size - f.bytes) / fileSpeed) : '-';
      lines.push(` * ${shorten(f.path, 45).padStart(45)}:${percent(f.bytes, f.size).padStart(4)} /${byteUnit(f.size)}, ${byteRateUnit(fileSpeed)}, ${fileEta}`);
    }
  }
  return `\n${lines.join('\n')}\n`;
}

/** The first line of the block without its label: `   1.964 KiB / 2 KiB, 98%, 0 B/s, ETA 0s`. */
function bytesPart(s: StatsSnapshot): string {
  const seconds = s.elapsedMs / 1000;
  const speed = seconds > 0 ? s.bytes / seconds : 0;
  const total = Math.max(s.totalBytes, s.bytes);
  const eta = total > 0 && speed > 0 && s.bytes <= total ? readableSeconds((total - s.bytes) / speed) : '-';
  return `${byteUnit(s.bytes).padStart(13)} / ${byteUnit(total)}, ${percent(s.bytes, total)}, ${byteRateUnit(speed)}, ETA ${eta}`;
}

/**
 * --stats-one-line: rclone's bytes line alone, with `(xfr#done/total)` while
 * transfers are still running.
 */
export function statsLine(s: StatsSnapshot): string {
  const totalTransfers = Math.max(s.totalTransfers, s.transfers);
  const running = s.inFlight.length > 0 && totalTransfers > 0 ? ` (xfr#${s.transfers}/${totalTransfers})` : '';
  return `${bytesPart(s)}${running}`;
}

/** rclone shortens long names in the middle: `abc…xyz`. */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const keep = max - 1;
  return `${name.slice(0, Math.ceil(keep / 2))}…${name.slice(name.length - Math.floor(keep / 2))}`;
}

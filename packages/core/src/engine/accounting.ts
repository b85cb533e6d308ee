import { EventEmitter } from 'node:events';
import { ExitCode, exitCodeOf, retryClassOf } from '../errors/index.js';
import type { EngineEvents, FailedOp } from './events.js';

/** Running totals for one command, for progress lines and the final summary. */
export class Accounting extends EventEmitter<EngineEvents> {
  readonly startedAt = Date.now();
  bytes = 0;
  /** Bytes of the files chosen for transfer, for the percentage and ETA. */
  totalBytes = 0;
  transfers = 0;
  totalTransfers = 0;
  checks = 0;
  errors = 0;
  deletes = 0;
  /** Files moved server-side (rclone's "Renamed"). */
  renames = 0;
  /** Whether any listing or I/O error occurred (sync refuses to delete after one). */
  hadIoError = false;
  /** An error that another attempt cannot fix (revoked credentials, --max-delete): no whole-run retry. */
  hadFatalError = false;
  /**
   * Some error was neither fatal nor marked "retrying will not help" (exit
   * code 6): another whole-run attempt may fix it. rclone's retryError.
   */
  hadRetryError = false;
  /** sync wanted to delete but did not, because of errors. */
  deletesSkipped = false;
  lastError?: Error;
  readonly inFlight = new Map<string, { size: number; bytes: number }>();

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Count bytes as they stream, so speed and per-file progress stay live. */
  addBytes(path: string, n: number): void {
    this.bytes += n;
    const f = this.inFlight.get(path);
    if (f) f.bytes += n;
    this.onBytes?.();
  }

  /** Called after each counted chunk (--max-transfer's hard cutoff watches the total). */
  onBytes?: () => void;

  /** Start a new whole-run attempt: errors are counted afresh, totals are kept. */
  resetErrors(): void {
    this.errors = 0;
    this.hadIoError = false;
    this.hadFatalError = false;
    this.hadRetryError = false;
    this.lastError = undefined;
    this.totalTransfers = this.transfers;
    this.totalBytes = this.bytes;
  }

  recordError(path: string, error: Error, io = true, op: FailedOp = 'copy'): void {
    this.errors++;
    this.lastError = error;
    const code = exitCodeOf(error);
    const cls = retryClassOf(error);
    if (code === ExitCode.FatalError || cls === 'fatal') this.hadFatalError = true;
    else if (code !== ExitCode.NoRetryError && cls !== 'never') this.hadRetryError = true;
    if (io) this.hadIoError = true;
    this.emit('file-error', { path, error, op });
  }
}

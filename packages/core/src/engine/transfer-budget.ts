import { MaxTransferReachedError } from '../errors/index.js';
import type { Accounting } from './accounting.js';
import type { CutoffMode } from './options.js';

/**
 * --max-transfer and --cutoff-mode, as rclone counts them: the bytes
 * transferred so far (streamed, or copied server-side) against the limit.
 * Before a transfer starts, soft and hard refuse it once the limit is reached;
 * cautious also counts what the transfers in flight still have to send and the
 * new file's size. In hard mode a transfer that would read past the limit is
 * cut (its backend removes what it began, so the destination keeps its
 * previous version) and the run stops.
 */
export class TransferBudget {
  /** Set once the limit stopped the run; no transfer starts after it. */
  reached = false;

  constructor(
    private readonly max: number,
    private readonly mode: CutoffMode,
  ) {}

  get hard(): boolean {
    return this.mode === 'hard';
  }

  /** The error that keeps a transfer of `size` bytes from starting, if any. */
  refuseStart(stats: Accounting, size: number): MaxTransferReachedError | undefined {
    if (this.max < 0) return undefined;
    let soFar = stats.bytes;
    if (this.mode === 'cautious') {
      for (const f of stats.inFlight.values()) soFar += Math.max(0, f.size - f.bytes);
      soFar += Math.max(0, size);
    }
    return soFar >= this.max ? new MaxTransferReachedError(this.hard) : undefined;
  }

  /** hard: the bytes counted so far went past the limit (a file of exactly the limit is allowed). */
  overrun(stats: Accounting): boolean {
    return this.hard && this.max >= 0 && stats.bytes > this.max;
  }
}

/**
 * --max-duration: the moment a run stops starting work (and, with
 * --cutoff-mode hard, cuts what is in flight). Measured on the monotonic
 * clock in nanoseconds, so even `--max-duration 1ns` has passed by the first
 * check, as in rclone.
 */
export class RunDeadline {
  private readonly end?: bigint;
  private timer?: NodeJS.Timeout;
  /** The wall-clock time it falls at, for the log line. */
  readonly at?: Date;

  constructor(durationNs: number) {
    if (durationNs <= 0) return;
    this.end = process.hrtime.bigint() + BigInt(Math.round(durationNs));
    this.at = new Date(Date.now() + durationNs / 1e6);
  }

  get set(): boolean {
    return this.end !== undefined;
  }

  passed(): boolean {
    return this.end !== undefined && process.hrtime.bigint() >= this.end;
  }

  /** Call `fn` once when the deadline passes (never if it is not set). */
  whenPassed(fn: () => void): void {
    if (this.end === undefined) return;
    const ms = Number(this.end - process.hrtime.bigint()) / 1e6;
    this.timer = setTimeout(fn, Math.max(0, Math.ceil(ms)));
    this.timer.unref();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** rclone's "2006/01/02 15:04:05", in local time as the log lines are. */
export function logTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

import type { LogSink } from './log-sink.js';

/**
 * `-P` on a terminal: a block of lines (on stdout, as rclone) redrawn in place every
 * half second. Log lines are printed above the block (it is erased, the line
 * written, the block drawn again), so the two never interleave.
 */
export class LiveView {
  private drawn = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly render: () => string,
    private readonly sink: LogSink,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.sink.intercept((line) => {
      this.erase();
      this.stream.write(`${line}\n`);
      this.draw();
    });
    this.draw();
    this.timer = setInterval(() => {
      this.erase();
      this.draw();
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Erase the block and give the terminal back; the caller prints the final summary. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.erase();
    this.sink.intercept(undefined);
  }

  private draw(): void {
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    // Lines longer than the terminal would wrap and break the count of lines to erase.
    const lines = this.render().replace(/^\n+|\n+$/g, '').split('\n').map((l) => (l.length > width ? l.slice(0, width) : l));
    this.stream.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  private erase(): void {
    if (this.drawn === 0) return;
    // Up to the block's first line, column 1, then clear to the end of the screen.
    this.stream.write(`\x1b[${this.drawn}F\x1b[J`);
    this.drawn = 0;
  }
}

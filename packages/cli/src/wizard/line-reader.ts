import { createInterface, type Interface } from 'node:readline';

/** Thrown by a prompt when stdin has ended: the user (or the script) is gone. */
export class InputEnded extends Error {
  constructor() {
    super('input ended');
    this.name = 'InputEnded';
  }
}

/**
 * Lines from a stream, one per `next()`, through node:readline without
 * terminal handling: piped answers and a terminal in cooked mode read alike.
 * Lines that arrive before they are asked for are queued, never lost.
 */
export class LineReader {
  private readonly queue: string[] = [];
  private waiting?: (line: string | undefined) => void;
  private ended = false;
  private readonly rl: Interface;

  constructor(input: NodeJS.ReadableStream) {
    this.rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.deliver(undefined);
    });
  }

  /** The next line, or undefined at end of input. */
  next(): Promise<string | undefined> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift());
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.rl.close();
  }

  private deliver(line: string | undefined): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(line);
    } else if (line !== undefined) {
      this.queue.push(line);
    }
  }
}

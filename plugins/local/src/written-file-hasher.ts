import type { Worker } from 'node:worker_threads';
import type { HashType } from '@rsyncish/core';
import { HASH_BLOCK_BYTES } from './io-policy.js';

/**
 * The worker, as source: the local plugin ships as one bundle, which a worker
 * file beside it would not survive. It reads the file by positional reads on
 * the writer's own descriptor (so it hashes exactly the file being written,
 * never another one renamed into its place), only up to the bytes the writer
 * has reported written, and waits on the shared control words for more.
 * Control words: [0] a sequence number bumped on every change, [1] the state
 * (0 writing, 1 all written, 2 abandoned); then a float64: bytes written, or
 * Infinity for a file written before (read up to its end).
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
function run({ fd, types, shared, block }) {
  const control = new Int32Array(shared, 0, 2);
  const written = new Float64Array(shared, 8, 1);
  const hashes = types.map((type) => createHash(type));
  const buf = Buffer.allocUnsafe(block);
  let pos = 0;
  for (;;) {
    const seen = Atomics.load(control, 0);
    const state = Atomics.load(control, 1);
    if (state === 2) return undefined;
    const end = written[0];
    while (pos < end) {
      const n = readSync(fd, buf, 0, Math.min(block, end - pos), pos);
      if (n === 0) {
        if (end === Infinity) break;
        throw new Error('the file ends at byte ' + pos + ' but ' + end + ' were written');
      }
      const data = n === block ? buf : buf.subarray(0, n);
      for (const hash of hashes) hash.update(data);
      pos += n;
    }
    if (state === 1) return { bytes: pos, digests: hashes.map((hash) => hash.digest('hex')) };
    Atomics.wait(control, 0, seen);
  }
}
try {
  parentPort.postMessage({ result: run(workerData) });
} catch (err) {
  parentPort.postMessage({ error: err && err.message ? err.message : String(err), code: err && err.code });
}
`;

export interface WrittenFileHashes {
  /** Bytes hashed: all that were reported written. */
  bytes: number;
  hashes: Partial<Record<HashType, string>>;
}

/**
 * Hashes a file on a worker thread while it is being written through `fd`
 * (which must be open for reading too). The writer reports each completed
 * write with `written(n)`, and `finish()` once the last one is done; the
 * promise it returns settles when the worker has hashed every byte. `abandon()`
 * stops the worker whatever it is doing; the descriptor must stay open until
 * `finish()` settles or `abandon()` returns. Made by `start()`.
 */
export class WrittenFileHasher {
  private readonly control: Int32Array;
  private readonly writtenBytes: Float64Array;
  private readonly outcome: Promise<WrittenFileHashes>;

  static async start(fd: number, types: HashType[]): Promise<WrittenFileHasher> {
    // Loaded here, not at the top: every command loads this plugin, few write a
    // big file (node:worker_threads costs every start ~2 ms).
    const { Worker } = await import('node:worker_threads');
    const shared = new SharedArrayBuffer(16);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Blocks that stay in the CPU's cache between read and hash (io-policy.ts).
      workerData: { fd, types, shared, block: HASH_BLOCK_BYTES },
      // It holds one block and the hash states: keep its heap small.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
      // Nothing to share: no copy of process.env, no stdin.
      env: {},
      stdin: false,
    });
    return new WrittenFileHasher(worker, shared, types);
  }

  /**
   * Hashes, on a worker thread, the whole of a file written before and open
   * on `fd` (for reading), up to its end.
   */
  static async hashWholeFile(fd: number, types: HashType[]): Promise<WrittenFileHashes> {
    const hasher = await WrittenFileHasher.start(fd, types);
    hasher.writtenBytes[0] = Infinity;
    return hasher.finish();
  }

  private constructor(private readonly worker: Worker, shared: SharedArrayBuffer, private readonly types: HashType[]) {
    this.control = new Int32Array(shared, 0, 2);
    this.writtenBytes = new Float64Array(shared, 8, 1);
    this.outcome = new Promise((resolve, reject) => {
      this.worker.once('message', (msg: { result?: { bytes: number; digests: string[] }; error?: string; code?: string }) => {
        // The errno code (EIO...) goes on, for mapFsError.
        if (msg.error !== undefined) reject(Object.assign(new Error(`hashing the file failed: ${msg.error}`), { code: msg.code }));
        else if (msg.result) resolve({ bytes: msg.result.bytes, hashes: Object.fromEntries(this.types.map((t, i) => [t, msg.result!.digests[i]])) });
        else reject(new Error('hashing the file was abandoned'));
      });
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the hashing worker exited (code ${code}) before it answered`)));
    });
    // Until finish() is awaited, a failure is held, not reported as unhandled.
    this.outcome.catch(() => {});
  }

  /** `n` more bytes are on disk, after the ones reported before. */
  written(n: number): void {
    if (n <= 0) return;
    // Only this thread writes the count; the worker reads it.
    this.writtenBytes[0] += n;
    this.signal();
  }

  /** Every byte is written: resolves with the digests once the worker has read them all. */
  finish(): Promise<WrittenFileHashes> {
    Atomics.store(this.control, 1, 1);
    this.signal();
    return this.outcome;
  }

  /** Stop hashing (the write failed or was aborted). */
  async abandon(): Promise<void> {
    Atomics.store(this.control, 1, 2);
    this.signal();
    await this.worker.terminate();
  }

  private signal(): void {
    // The atomic add orders the plain write of the byte count before it for the worker.
    Atomics.add(this.control, 0, 1);
    Atomics.notify(this.control, 0);
  }
}

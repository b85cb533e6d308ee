import { COMPUTABLE_HASHES } from '@rsyncish/core';
import { DEFAULTS, MiB } from '../options.js';
import type { Kit } from '../kit.js';
import { must, statOf } from '../ops.js';
import { digestOf, generatedDigest, generatedStream } from '../streams.js';
import { broken, short, show } from '../violation.js';

/**
 * A file far larger than any buffer a backend should hold, generated on the fly.
 * Memory is measured as growth of the resident set (RSS) over the put and the
 * read-back, with a forced garbage collection before each sample. RSS is still
 * coarse: the allocator keeps freed memory, the first large transfer in a process
 * pays for warm-up, and anything else running in the process counts. So the
 * limit catches buffering the whole file, not holding a few MiB.
 */
export function registerLargeFile(kit: Kit): void {
  const size = kit.options.largeFileBytes ?? DEFAULTS.largeFileBytes;
  const timeout = kit.options.timeouts?.largeFileMs ?? DEFAULTS.largeFileMs;
  const label = `${Math.round(size / MiB)} MiB`;

  // First, while the process has not yet grown its heap for the other large transfer.
  kit.check('bounded-memory', `streaming a ${label} file through put and get keeps memory bounded`, async ({ dir, t }) => {
    const b = kit.backend;
    const path = `${dir}/large.bin`;
    const limit = kit.options.maxRssGrowthBytes ?? DEFAULTS.maxRssGrowthBytes;
    // Collecting before each sample keeps the stream's own garbage (freed chunks) out of the number;
    // without a collector to call, RSS would measure V8's pace rather than the backend.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      t.skip('needs node --expose-gc (scripts/run-tests.mjs starts the tests with it)');
      return;
    }
    gc();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      gc();
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);
    try {
      await must(`put(${show(path)}) of a streamed ${label} file`, () => b.put(path, generatedStream(size, 2), { size }));
      await must(`get(${show(path)})`, async () => digestOf(await b.get(path), 'md5'));
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const growth = peak - baseline;
    t.diagnostic(`RSS grew by ${(growth / MiB).toFixed(1)} MiB (limit ${(limit / MiB).toFixed(0)} MiB)`);
    if (growth > limit) {
      broken(`streaming a ${label} file grew memory (RSS) by ${(growth / MiB).toFixed(1)} MiB, over the ${(limit / MiB).toFixed(0)} MiB limit: put or get holds the content in memory`);
    }
  }, timeout);

  kit.check('large-file', `a streamed ${label} file is stored and read back intact`, async ({ dir }) => {
    const b = kit.backend;
    const path = `${dir}/large.bin`;
    // What the engine asks of a destination that declares hashesOnPut: the hash of a big file too.
    const onPut = (kit.caps.hashesOnPut ?? []).filter((h) => COMPUTABLE_HASHES.has(h));
    const put = await must(`put(${show(path)}) of a streamed ${label} file`, () => b.put(path, generatedStream(size), { size, computeHashes: onPut }));
    for (const type of onPut) {
      const want = generatedDigest(size, type);
      const got = put.hashes?.[type];
      if (got !== want) {
        broken(`declares ${type} in hashesOnPut but put(${show(path)}) of a streamed ${label} file returned ${got === undefined ? 'no ' + type : short(got)} instead of ${short(want)}`);
      }
    }
    const st = await statOf(b, path);
    if (st.size !== size) broken(`put(${show(path)}) of ${size} bytes streamed; stat gives size ${st.size}`);
    const want = generatedDigest(size, 'md5');
    const got = await must(`get(${show(path)})`, async () => digestOf(await b.get(path), 'md5'));
    if (got.bytes !== size || got.digest !== want) {
      broken(`a streamed ${label} file read back as ${got.bytes} bytes with md5 ${short(got.digest)} instead of ${size} bytes with md5 ${short(want)}`);
    }
  }, timeout);
}

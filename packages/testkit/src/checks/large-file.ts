import { DEFAULTS, MiB } from '../options.js';
import type { Kit } from '../kit.js';
import { must, statOf } from '../ops.js';
import { digestOf, generatedDigest, generatedStream } from '../streams.js';
import { broken, short, show } from '../violation.js';

/**
 * A file far larger than any buffer a backend should hold, generated on the fly.
 * Memory is measured as growth of the resident set (RSS) over the put and the
 * read-back. RSS is coarse: it includes garbage not yet collected and memory V8
 * keeps after a collection, and the first large test in a process also pays for
 * heap warm-up. So the limit catches buffering the whole file, not a few MiB.
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
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
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
    await must(`put(${show(path)}) of a streamed ${label} file`, () => b.put(path, generatedStream(size), { size }));
    const st = await statOf(b, path);
    if (st.size !== size) broken(`put(${show(path)}) of ${size} bytes streamed; stat gives size ${st.size}`);
    const want = generatedDigest(size, 'md5');
    const got = await must(`get(${show(path)})`, async () => digestOf(await b.get(path), 'md5'));
    if (got.bytes !== size || got.digest !== want) {
      broken(`a streamed ${label} file read back as ${got.bytes} bytes with md5 ${short(got.digest)} instead of ${size} bytes with md5 ${short(want)}`);
    }
  }, timeout);
}

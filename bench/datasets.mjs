// Deterministic benchmark datasets: content from a fixed seed, fixed modtimes,
// generated once on first use and reused (bench/.data, or $RSYNCISH_BENCH_DATA).
import { createWriteStream, existsSync, mkdirSync, utimesSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';

export const DATA_DIR = process.env.RSYNCISH_BENCH_DATA ?? new URL('./.data', import.meta.url).pathname;
const MTIME = new Date('2024-01-02T03:04:05.678Z');

/** xorshift128+: fast, seedable, the same bytes on every machine. */
function* prng(seed) {
  let s0 = BigInt(seed) | 1n;
  let s1 = 0x9e3779b97f4a7c15n;
  const mask = (1n << 64n) - 1n;
  for (;;) {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= (x << 23n) & mask;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    yield (s1 + y) & mask;
  }
}

/** A buffer of pseudo-random bytes; big buffers are built from a 1 MiB seeded block varied per chunk. */
function block(seed, size) {
  const buf = Buffer.alloc(size);
  const g = prng(seed);
  for (let i = 0; i + 8 <= size; i += 8) buf.writeBigUInt64LE(g.next().value, i);
  for (let i = size - (size % 8); i < size; i++) buf[i] = Number(g.next().value & 0xffn);
  return buf;
}

function done(dir) {
  return join(dir, '.complete');
}

/** Build a dataset directory atomically: into a temp name, then renamed. */
async function build(name, fill) {
  const dir = join(DATA_DIR, name);
  if (existsSync(done(dir))) return dir;
  const tmp = `${dir}.building`;
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  process.stderr.write(`generating dataset ${name} ...\n`);
  await fill(tmp);
  renameSync(tmp, dir);
  writeFileSync(done(dir), '');
  return dir;
}

/**
 * `count` files of `size` bytes spread over `dirs` folders (1 = flat), or,
 * with `fanout` (e.g. [5, 5, 4]), over the leaves of a tree that many levels
 * deep: 5 folders, each with 5, each with 4, the files in the 100 leaves.
 */
export function manyFiles(name, count, size, dirs = 1, seed = 1, fanout = undefined) {
  if (fanout) dirs = fanout.reduce((a, b) => a * b, 1);
  return build(name, async (root) => {
    const base = block(seed, Math.max(size, 64));
    for (let d = 0; d < dirs; d++) {
      const dir = fanout ? join(root, ...treePath(d, fanout)) : dirs === 1 ? root : join(root, `dir${String(d).padStart(4, '0')}`);
      mkdirSync(dir, { recursive: true });
      const per = Math.ceil(count / dirs);
      for (let i = 0; i < per && d * per + i < count; i++) {
        const n = d * per + i;
        const content = Buffer.from(base.subarray(0, size));
        content.writeUInt32LE(n, 0); // every file different
        const p = join(dir, `file${String(n).padStart(6, '0')}.bin`);
        writeFileSync(p, content);
        utimesSync(p, MTIME, MTIME);
      }
    }
  });
}

/** The folders of leaf `d` in a tree of the given fanout: its digits in that mixed radix. */
function treePath(d, fanout) {
  const parts = [];
  for (let level = fanout.length - 1; level >= 0; level--) {
    parts.unshift(`l${level}-${d % fanout[level]}`);
    d = Math.floor(d / fanout[level]);
  }
  return parts;
}

/** One file of `size` bytes streamed out in 1 MiB chunks. */
export function bigFile(name, size, seed = 7) {
  return build(name, async (root) => {
    const p = join(root, `${name}.bin`);
    const out = createWriteStream(p);
    const chunk = block(seed, 1 << 20);
    for (let off = 0, i = 0; off < size; off += chunk.length, i++) {
      const part = Buffer.from(chunk.subarray(0, Math.min(chunk.length, size - off)));
      part.writeUInt32LE(i, 0);
      if (!out.write(part)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
    utimesSync(p, MTIME, MTIME);
  });
}

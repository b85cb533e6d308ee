// One round of the fault campaign, drawn from its seed: the two sides, the
// trees, the command with its flags, and the faults to inject.
import { roundSeed, seededRandom } from './random.mjs';

const DIR_NAMES = ['docs', 'img', 'sub dir', 'été', '2024', 'z', 'deep'];
const FILE_NAMES = ['a', 'b.txt', 'notes.md', 'café.txt', 'photo 1.jpg', 'data.bin', 'x-y_z', '日本語.txt', 'report (final).pdf', 'e', 'f.log', 'g h'];
const SIDES = [['local', 'local'], ['local', 'acd'], ['acd', 'local'], ['acd', 'acd']];

function fileSize(rng) {
  const r = rng.next();
  if (r < 0.08) return 0;
  if (r < 0.55) return rng.int(1, 4096);
  if (r < 0.9) return rng.int(4097, 96 * 1024);
  return rng.int(300 * 1024, 1536 * 1024);
}

/** A size that is certainly not `size`, so every comparison mode sees a change. */
const otherSize = (rng, size) => (size > 64 && rng.chance(0.5) ? size - rng.int(1, 64) : size + rng.int(1, 64));

function randomPaths(rng, count) {
  const paths = new Set();
  while (paths.size < count) {
    const depth = rng.pick([0, 0, 1, 1, 2, 3]);
    const dirs = Array.from({ length: depth }, () => rng.pick(DIR_NAMES));
    paths.add([...dirs, rng.pick(FILE_NAMES)].join('/'));
  }
  // A name cannot be a file in one path and a folder in another.
  const dirs = new Set([...paths].flatMap((p) => p.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));
  return [...paths].filter((p) => !dirs.has(p));
}

/**
 * @param {number} seed campaign seed
 * @param {number} round round number
 * @param {{diskFull: boolean}} can what this machine allows (a tmpfs mount)
 */
export function planRound(seed, round, can) {
  const rng = seededRandom(roundSeed(seed, round));
  const [srcSide, dstSide] = rng.pick(SIDES);
  const acd = srcSide === 'acd' || dstSide === 'acd';
  const src = randomPaths(rng, rng.int(3, 18)).map((path, i) => ({ path, size: fileSize(rng), seed: round * 1000 + i + 1 }));
  const srcPaths = new Set(src.map((f) => f.path));
  const dst = [];
  for (const f of src) {
    const r = rng.next();
    if (r < 0.25) dst.push({ ...f, same: true });
    else if (r < 0.5) dst.push({ path: f.path, size: otherSize(rng, f.size), seed: f.seed + 500 });
  }
  const extras = randomPaths(rng, rng.int(0, 4)).map((p) => p.replace(/[^/]+$/, (n) => `extra-${n}`));
  const taken = new Set([...srcPaths].flatMap((p) => p.split('/').map((_, i, a) => a.slice(0, i + 1).join('/'))));
  for (const path of extras) {
    const clash = path.split('/').some((_, i, a) => srcPaths.has(a.slice(0, i + 1).join('/')) && i < a.length - 1);
    if (!clash && !taken.has(path)) dst.push({ path, size: fileSize(rng), seed: round * 1000 + 900 + dst.length });
  }

  let mode = rng.pick(['copy', 'copy', 'sync', 'sync', 'move']);
  let single;
  if (rng.chance(0.12)) {
    single = rng.pick(src).path;
    mode = mode === 'move' ? 'moveto' : 'copyto';
  }
  const flags = ['--transfers', String(rng.int(1, 6)), '--checkers', String(rng.int(1, 8)),
    '--retries', String(rng.int(1, 3)), '--low-level-retries', String(rng.int(1, 5))];
  const comparison = rng.next();
  if (comparison < 0.2) flags.push('--checksum');
  else if (comparison < 0.3) flags.push('--size-only');
  else if (comparison < 0.4) flags.push('--ignore-times');
  const ignoreExisting = mode !== 'move' && mode !== 'moveto' && rng.chance(0.1);
  if (ignoreExisting) flags.push('--ignore-existing');

  const faults = {};
  const kill = rng.next();
  if (kill < 0.15) faults.signal = { name: 'SIGKILL', afterMs: rng.int(20, 700) };
  else if (kill < 0.3) faults.signal = { name: 'SIGINT', afterMs: rng.int(20, 700) };
  if (acd && rng.chance(0.2)) faults.serverErrors = Number((0.1 + rng.next() * 0.2).toFixed(2));
  if (acd && rng.chance(0.15)) faults.tokenExpiry = { afterMs: rng.int(0, 400) };
  if (acd && rng.chance(0.1)) faults.rateLimit = rng.int(20, 60);
  if (dstSide === 'acd' && rng.chance(0.2)) faults.ghostUploads = { rate: 0.3, delayMs: rng.int(0, 200) };
  if (srcSide === 'acd' && rng.chance(0.25)) {
    // Corrupt files the command has to read: not already the same at the destination.
    const same = new Set(dst.filter((f) => f.same).map((f) => f.path));
    const candidates = src.filter((f) => f.size > 0 && !same.has(f.path) && (!single || f.path === single));
    if (candidates.length > 0) faults.corrupt = [...new Set([rng.pick(candidates).path, rng.pick(candidates).path])];
  }
  if (dstSide === 'local' && can.diskFull && rng.chance(0.1)) faults.diskFull = { spareFraction: rng.next() };

  return { seed, round, srcSide, dstSide, mode, single, flags, ignoreExisting, src, dst, faults };
}

/** The round in one line, for the log and for failure reports. */
export function describeRound(plan) {
  const faults = Object.entries(plan.faults).map(([k, v]) => (k === 'signal' ? `${v.name}@${v.afterMs}ms` : k)).join(',') || 'none';
  const target = plan.single ? ` ${plan.single}` : '';
  return `round ${plan.round}: ${plan.mode}${target} ${plan.srcSide}->${plan.dstSide} ${plan.flags.join(' ')} | ${plan.src.length} src, ${plan.dst.length} dst | faults: ${faults}`;
}

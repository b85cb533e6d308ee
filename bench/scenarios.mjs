// The benchmark scenarios: each names its dataset, how to reset between runs,
// and the equivalent rsyncish and rclone command lines.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bigFile, manyFiles } from './datasets.mjs';

const SHM = process.env.RSYNCISH_BENCH_DST ?? '/dev/shm/rsyncish-bench';
const fresh = (name) => {
  const dir = join(SHM, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A copy into a fresh destination every run. */
const copyScenario = (id, title, dataset) => ({
  id,
  title,
  readsContent: true,
  async setup() {
    this.src = await dataset();
  },
  reset() {
    this.dst = fresh(id);
  },
  rsyncish() {
    return ['copy', this.src, this.dst];
  },
  rclone() {
    return ['copy', this.src, this.dst];
  },
});

const tree100k = () => manyFiles('tree-100k', 100_000, 64, 1_000, 3);

/** A command over a prepared destination that each run leaves unchanged. */
const steadyScenario = (id, title, dataset, argv, { seed = false, readsContent = false } = {}) => ({
  id,
  title,
  readsContent,
  async setup(ctx) {
    this.src = await dataset();
    this.dst = join(SHM, `${id}-dst`);
    if (seed) {
      rmSync(this.dst, { recursive: true, force: true });
      execFileSync('rclone', ['copy', this.src, this.dst], { stdio: 'ignore', env: ctx.rcloneEnv });
    }
  },
  reset() {},
  rsyncish() {
    return argv(this);
  },
  rclone() {
    return argv(this);
  },
});

// The same 10,000 files flat and as a tree 3 levels deep (5 x 5 x 4 folders
// of 100 files): a tuning that helps only one shape shows.
const flat10k = () => manyFiles('files-10k-4k', 10_000, 4096);
const deep10k = () => manyFiles('deep-10k-4k', 10_000, 4096, undefined, 1, [5, 5, 4]);

export const SCENARIOS = [
  copyScenario('copy-10k-4k', 'copy 10,000 x 4 KiB, one folder', flat10k),
  copyScenario('copy-10k-4k-deep', 'copy 10,000 x 4 KiB, 5 x 5 x 4 folders', deep10k),
  steadyScenario('noop-10k', 'no-op re-copy, 10,000 files in one folder', flat10k, (s) => ['copy', s.src, s.dst], { seed: true }),
  steadyScenario('noop-10k-deep', 'no-op re-copy, 10,000 files in 5 x 5 x 4 folders', deep10k, (s) => ['copy', s.src, s.dst], { seed: true }),
  steadyScenario('ls-10k', 'recursive ls of 10,000 files in one folder', flat10k, (s) => ['ls', s.src]),
  steadyScenario('ls-10k-deep', 'recursive ls of 10,000 files in 5 x 5 x 4 folders', deep10k, (s) => ['ls', s.src]),
  copyScenario('copy-200-1m', 'copy 200 x 1 MiB, local to local', () => manyFiles('files-200-1m', 200, 1 << 20, 1, 2)),
  copyScenario('copy-2g', 'copy one 2 GiB file, local to local', () => bigFile('file-2g', 2 ** 31)),
  steadyScenario('noop-100k', 'no-op re-copy, 100,000 files in 1,000 folders', tree100k, (s) => ['copy', s.src, s.dst], { seed: true }),
  steadyScenario('noop-sync-100k', 'no-op sync, 100,000 files in 1,000 folders', tree100k, (s) => ['sync', s.src, s.dst], { seed: true }),
  steadyScenario('ls-100k', 'recursive ls of 100,000 files', tree100k, (s) => ['ls', s.src]),
  steadyScenario('check-100k', 'check of 100,000 files (identical trees)', tree100k, (s) => ['check', s.src, s.dst], { seed: true, readsContent: true }),
  steadyScenario('md5sum-2g', 'md5sum of a 2 GiB file', () => bigFile('file-2g', 2 ** 31), (s) => ['md5sum', s.src], { readsContent: true }),
  steadyScenario('ls-empty', 'startup: ls of an empty folder', () => fresh('empty-folder'), (s) => ['ls', s.src]),
  {
    id: 'version',
    title: 'startup: --version',
    setup() {},
    reset() {},
    rsyncish: () => ['--version'],
    rclone: () => ['--version'],
  },
];

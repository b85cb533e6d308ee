#!/usr/bin/env node
// npm run bench [-- scenario-id ...] : rsyncish and Debian's rclone side by side,
// alternating runs (A B A B ...) so machine noise hits both alike. Reports the
// median wall time, CPU time and peak RSS of each, and the median per-round
// ratio rsyncish / rclone, as markdown tables: unpinned first, then pinned. Env: BENCH_ROUNDS (default 5).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNote, HAVE_TIME, measure, median, toolEnv, warmPageCache } from './measure.mjs';
import { SCENARIOS } from './scenarios.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.cjs');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const wanted = process.argv.slice(2);
const scenarios = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS;
if (!HAVE_TIME) {
  console.error('bench needs GNU time: apt-get install -y time');
  process.exit(1);
}
if (scenarios.length === 0) {
  console.error(`no such scenario; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  process.exit(1);
}
let rclone = '';
try {
  rclone = execFileSync('rclone', ['--version'], { encoding: 'utf8' }).split('\n')[0];
} catch {
  console.error('rclone not found: reporting rsyncish alone (apt-get install -y rclone to compare)');
}

const cfgDir = mkdtempSync(join(tmpdir(), 'rsyncish-bench-cfg-'));
const env = toolEnv({ RSYNCISH_CONFIG: join(cfgDir, 'rsyncish.conf') });
const rcloneEnv = toolEnv({ RCLONE_CONFIG: join(cfgDir, 'rclone.conf') });
writeFileSync(rcloneEnv.RCLONE_CONFIG, '');

/** Warm what a scenario reads before each timed run, for both tools alike (see warmPageCache). */
function warm(s) {
  if (s.readsContent) warmPageCache([s.src, s.dst]);
}

// Each scenario is measured twice: unpinned, on every core, as users run it
// (the headline), then both tools pinned to CPU 0, which is steadier from run
// to run but hides what each does with a second core.
const MODES = [
  { pin: false, caption: 'unpinned (every core, as users run it)' },
  { pin: true, caption: 'pinned to CPU 0' },
];
const rows = MODES.map(() => []);
for (const s of scenarios) {
  await s.setup({ rcloneEnv });
  MODES.forEach(({ pin }, k) => {
    const a = [];
    const b = [];
    for (let i = 0; i < rounds; i++) {
      s.reset();
      warm(s);
      a.push(measure([cli, ...s.rsyncish(), '-q'], { env, pin }));
      if (rclone) {
        s.reset();
        warm(s);
        b.push(measure(['rclone', ...s.rclone(), '-q'], { env: rcloneEnv, pin }));
      }
    }
    const m = (xs, key) => median(xs.map((x) => x[key]));
    const ratio = rclone ? median(a.map((x, i) => x.wall / b[i].wall)) : undefined;
    rows[k].push({ s, a: { wall: m(a, 'wall'), cpu: m(a, 'cpu'), rss: Math.max(...a.map((x) => x.rssMiB)) }, b: rclone ? { wall: m(b, 'wall'), cpu: m(b, 'cpu'), rss: Math.max(...b.map((x) => x.rssMiB)) } : undefined, ratio });
  });
  console.error(`${s.id}: done`);
}

const f = (x, d = 2) => (x === undefined ? '–' : x.toFixed(d));
const table = (caption, modeRows) => [
  `### ${caption}`,
  '',
  '| scenario | rsyncish wall s | rclone wall s | ratio (median per round) | rsyncish CPU s | rclone CPU s | rsyncish peak RSS MiB | rclone peak RSS MiB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...modeRows.map(({ s, a, b, ratio }) => `| ${s.title} | ${f(a.wall)} | ${f(b?.wall)} | ${f(ratio)} | ${f(a.cpu)} | ${f(b?.cpu)} | ${f(a.rss, 0)} | ${f(b?.rss, 0)} |`),
  '',
];
const lines = [
  `Machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}, ${rclone || 'no rclone'}; ${rounds} rounds, alternating; destinations on tmpfs.${envNote()}`,
  '',
  ...MODES.flatMap(({ caption }, k) => table(caption, rows[k])),
];
console.log(lines.join('\n'));

#!/usr/bin/env node
// node bench/startup.mjs : start-up time of the rsyncish CLI. Runs `--version`,
// `--help`, the `version` command and `ls` of an empty folder (the last two load
// every backend plugin) with no plugin installed, then with five (one installed
// from a packed tarball, four linked, three of them broken) in a temp data dir,
// offline. Prints the median, min and max wall time of BENCH_ROUNDS runs
// (default 21, after 2 warm-ups) beside bare `node -e ""`, the floor no entry
// point can go below on this machine. Targets from the performance issue:
// `--version` median under 150 ms, and under 500 ms with plugins installed.
// RSYNCISH_BIN=/path/to/bin/run.cjs measures another checkout (before/after).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNote, median, toolEnv } from './measure.mjs';
import { FIXTURES, isolatedPluginEnv } from '../test/fixtures/plugin-env.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = process.env.RSYNCISH_BIN ?? join(root, 'packages/cli/bin/run.cjs');
const rounds = Number(process.env.BENCH_ROUNDS ?? 21);
const base = mkdtempSync(join(tmpdir(), 'rsyncish-startup-'));
const env = toolEnv(isolatedPluginEnv(base));
const empty = join(base, 'empty');
mkdirSync(empty);

const SCENARIOS = [
  { id: 'node -e ""', argv: ['-e', ''], floor: true },
  { id: '--version', argv: ['--version'] },
  { id: '--help', argv: ['--help'] },
  { id: 'version', argv: ['version'] },
  { id: 'ls <empty dir>', argv: ['ls', empty] },
];

function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, cwd: base, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function measureAll(plugins) {
  const rows = [];
  for (const s of SCENARIOS) {
    const argv = s.floor ? [process.execPath, ...s.argv] : [cli, ...s.argv];
    for (let i = 0; i < 2; i++) time(argv);
    const ms = Array.from({ length: rounds }, () => time(argv));
    rows.push({ id: s.id, plugins, median: median(ms), min: Math.min(...ms), max: Math.max(...ms) });
    console.error(`${s.id} (${plugins} plugins): done`);
  }
  return rows;
}

function installPlugins() {
  const rsyncish = (...args) => execFileSync(cli, [...args], { env, cwd: base, stdio: 'pipe' });
  execFileSync('npm', ['pack', join(FIXTURES, 'plugin-fixture'), '--pack-destination', base, '--silent'], { env, cwd: base, stdio: 'pipe' });
  rsyncish('plugins', 'install', 'file:' + join(base, 'rsyncish-backend-folder-1.0.0.tgz'));
  rsyncish('plugins', 'link', join(root, 'plugins/memory'), '--no-install');
  for (const f of ['plugin-throws', 'plugin-old-api', 'plugin-dup-type']) rsyncish('plugins', 'link', join(FIXTURES, f), '--no-install');
  return execFileSync(cli, ['plugins'], { env, encoding: 'utf8' }).trim().split('\n').length;
}

try {
  const rows = measureAll(0);
  rows.push(...measureAll(installPlugins()));
  const f = (x) => x.toFixed(0);
  console.log(`Machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}; ${rounds} runs each after 2 warm-ups; ${cli}.${envNote()}`);
  console.log('');
  console.log('| command | plugins | median ms | min ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| \`${r.id}\` | ${r.plugins} | ${f(r.median)} | ${f(r.min)} | ${f(r.max)} |`);
} finally {
  rmSync(base, { recursive: true, force: true });
}

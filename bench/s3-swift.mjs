#!/usr/bin/env node
// node bench/s3-swift.mjs : 200 files of 1 MiB and one 1 GiB file, up to and
// down from the local Swift server (native Swift API and its s3api), with
// rsyncish and Debian's rclone side by side, alternating (A B A B). Prints a
// markdown table of median wall seconds and MB/s (1 MB = 10^6 bytes).
// Env: BENCH_ROUNDS (3), BENCH_BIG (1 GiB).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigFile, manyFiles } from './datasets.mjs';
import { envNote, median, toolEnv, warmPageCache } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.cjs');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const authUrl = execFileSync('bash', [join(root, 'scripts/swift-server.sh'), 'start'], { encoding: 'utf8' }).trim();
const endpoint = 'http://127.0.0.1:18080';

const work = mkdtempSync(join(tmpdir(), 'rsyncish-bench-s3-'));
const cfg = (text) => { const p = join(work, text.name); writeFileSync(p, text.body); return p; };
const common = [
  '[s3]', 'type = s3', 'provider = Other', `endpoint = ${endpoint}`, 'force_path_style = true', 'region = us-east-1',
  'access_key_id = test:tester', 'secret_access_key = testing', '',
  '[swift]', 'type = swift', 'user = test:tester', 'key = testing', `auth = ${authUrl}`, '',
].join('\n');
const ours = toolEnv({ RSYNCISH_CONFIG: cfg({ name: 'rsyncish.conf', body: common }) });
const theirs = toolEnv({ RCLONE_CONFIG: cfg({ name: 'rclone.conf', body: common }) });
delete theirs.AWS_CA_BUNDLE; // rclone 1.60's s3 backend fails with it set

function timed(argv, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.trim().split('\n').at(-1)}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const small = await manyFiles('files-200-1m', 200, 1 << 20, 1, 2);
const big = await bigFile('file-1g', Number(process.env.BENCH_BIG ?? 2 ** 30), 11);
const datasets = [['200 x 1 MiB', small, 200 * 2 ** 20], ['1 GiB file', big, Number(process.env.BENCH_BIG ?? 2 ** 30)]];
const run = Date.now().toString(36);
const rows = [];
for (const backend of (process.env.BENCH_BACKENDS ?? 's3,swift').split(',')) {
  for (const [label, dir, bytes] of datasets) {
    const times = { up: [[], []], down: [[], []] };
    for (let i = 0; i < rounds; i++) {
      for (const [k, [bin, env, name]] of [[0, [[cli], ours, 'rsyncish']], [1, [['rclone'], theirs, 'rclone']]]) {
        // s3api and Swift share one account: the backend is part of the name, or one would find the other's objects.
        const bucket = `${backend}:bench-${backend}-${name}-${run}-${i}-${label.replace(/\W+/g, '').toLowerCase()}`;
        warmPageCache([dir]);
        times.up[k].push(timed([...bin, 'copy', dir, bucket, '-q'], env));
        const back = join(work, `down-${name}-${i}`);
        rmSync(back, { recursive: true, force: true });
        mkdirSync(back);
        times.down[k].push(timed([...bin, 'copy', bucket, back, '-q'], env));
        rmSync(back, { recursive: true, force: true });
        // Up to 1 GiB per round would otherwise stay on the server's disk.
        for (const gone of [bucket, `${bucket}_segments`]) spawnSync(cli, ['purge', gone, '-q'], { env: ours, stdio: 'ignore' });
      }
    }
    for (const dir of ['up', 'down']) {
      const [a, b] = times[dir].map(median);
      rows.push(`| ${backend} | ${label} ${dir} | ${a.toFixed(2)} | ${(bytes / 1e6 / a).toFixed(1)} | ${b.toFixed(2)} | ${(bytes / 1e6 / b).toFixed(1)} | ${(a / b).toFixed(2)} |`);
    }
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`Machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}; local Swift 2.30 (+ s3api) on 127.0.0.1; ${rounds} rounds, alternating; medians.${envNote()}\n`);
console.log('| backend | transfer | rsyncish s | rsyncish MB/s | rclone s | rclone MB/s | ratio |');
console.log('|---|---|---:|---:|---:|---:|---:|');
console.log(rows.join('\n'));

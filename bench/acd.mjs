#!/usr/bin/env node
// node bench/acd.mjs : 200 files of 1 MiB and one 1 GiB file, up to the ACD
// emulator and back, with rsyncish and (when rclone and openssl are installed)
// Debian's rclone acd backend side by side, alternating (A B A B ...). rclone
// discovers its endpoints from a fixed HTTPS URL, so it reaches the emulator
// through a TLS-terminating proxy on 127.0.0.1 (test/support/tls-proxy.mjs),
// which this process runs: rclone pays for TLS both ways, rsyncish talks plain
// HTTP to the emulator. A plain local copy (cp -r) of each dataset is timed
// too. Prints a markdown table of median wall seconds, MB/s (1 MB = 10^6
// bytes) and peak RSS. Env: BENCH_ROUNDS (3), BENCH_BIG (1 GiB), BENCH_DATASETS (small,big).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAcdRemote, startEmulatorProcess } from '../test/support/acd-processes.mjs';
import { haveOpenssl, makeTestCertificates, startTlsProxy } from '../test/support/tls-proxy.mjs';
import { bigFile, manyFiles } from './datasets.mjs';
import { envNote, HAVE_TIME, median, readTimeFile, toolEnv, underTime, warmPageCache } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.cjs');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const bigSize = Number(process.env.BENCH_BIG ?? 2 ** 30);
const wanted = (process.env.BENCH_DATASETS ?? 'small,big').split(',');
// On tmpfs when there is one, like the local bench's destinations: the
// emulator's blobs and the downloads then measure the tools, not this VM's disk.
const tmpfs = process.env.RSYNCISH_BENCH_DST ? dirname(process.env.RSYNCISH_BENCH_DST) : '/dev/shm';
const work = mkdtempSync(join(existsSync(tmpfs) ? tmpfs : tmpdir(), 'rsyncish-bench-acd-'));
const config = join(work, 'rsyncish.conf');
const ours = toolEnv({ RSYNCISH_CONFIG: config });

/**
 * Run a command to completion and return its wall time and peak RSS (GNU
 * time, when installed); async, so the proxy in this process keeps serving.
 */
function timed(argv, env) {
  const rssFile = HAVE_TIME ? join(work, 'rss') : undefined;
  const cmd = rssFile ? underTime(argv, rssFile, '%M') : argv;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${argv.join(' ')} failed (${code}): ${err.trim().split('\n').at(-1)}`));
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const rssMiB = rssFile ? readTimeFile(rssFile)[0] / 1024 : NaN;
      resolve({ wall, rssMiB });
    });
  });
}

const datasets = [
  ['small', '200 x 1 MiB', () => manyFiles('files-200-1m', 200, 1 << 20, 1, 2), 200 * 2 ** 20],
  ['big', `${bigSize / 2 ** 30} GiB file`, () => bigFile('file-1g', bigSize, 11), bigSize],
].filter(([id]) => wanted.includes(id));

const emu = await startEmulatorProcess(['--auto-approve', '--data', join(work, 'drive')]);
let proxy;
const rows = [];
try {
  await createAcdRemote(emu, config, 'emu');
  const tools = [['rsyncish', [cli], ours, 'emu']];
  let rclone = '';
  try {
    rclone = execFileSync('rclone', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    console.error('rclone not installed: rsyncish only');
  }
  if (rclone && haveOpenssl()) {
    const certs = makeTestCertificates(work);
    proxy = await startTlsProxy({ target: emu.url, cert: certs.cert, key: certs.key });
    const token = await emu.control('POST', 'tokens', { ttl: '2h' });
    const rcConf = join(work, 'rclone.conf');
    writeFileSync(rcConf, `[rc]\ntype = amazon cloud drive\nclient_id = bench\nclient_secret = bench\ntoken_url = ${emu.urls.token_url}\ntoken = ${JSON.stringify({ access_token: token.access_token, token_type: 'bearer', refresh_token: token.refresh_token, expiry: token.expiry })}\n`);
    const rcEnv = toolEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: '', no_proxy: '', HTTP_PROXY: '', http_proxy: '' });
    tools.push(['rclone', ['rclone', '--config', rcConf, '--ca-cert', certs.ca], rcEnv, 'rc']);
  }
  for (const [id, label, make, bytes] of datasets) {
    const src = await make();
    const times = { cp: [], up: tools.map(() => []), down: tools.map(() => []) };
    const rss = { up: tools.map(() => 0), down: tools.map(() => 0) };
    const run = async (dir, k, argv, env) => {
      const r = await timed(argv, env);
      times[dir][k].push(r.wall);
      rss[dir][k] = Math.max(rss[dir][k], r.rssMiB);
    };
    for (let i = 0; i < rounds; i++) {
      warmPageCache([src]);
      const cpDst = join(work, 'cp-dst');
      times.cp.push((await timed(['cp', '-r', src, cpDst])).wall);
      rmSync(cpDst, { recursive: true, force: true });
      for (const [k, [name, bin, env, remote]] of tools.entries()) {
        const folder = `${remote}:bench-${id}-${name}-${i}`;
        warmPageCache([src]);
        await run('up', k, [...bin, 'copy', src, folder, '-q'], env);
        const back = join(work, `down-${name}-${i}`);
        await run('down', k, [...bin, 'copy', folder, back, '-q'], env);
        rmSync(back, { recursive: true, force: true });
        await timed([cli, 'purge', `emu:bench-${id}-${name}-${i}`, '-q'], ours);
        // Purged nodes stay in the trash with their blobs, as on ACD: empty it, or the blobs pile up.
        await emu.control('POST', 'trash/purge');
        console.error(`${label}, round ${i + 1}: ${name} up ${times.up[k].at(-1).toFixed(2)} s, down ${times.down[k].at(-1).toFixed(2)} s`);
      }
    }
    const mbps = (s) => (bytes / 1e6 / s).toFixed(1);
    const cp = median(times.cp);
    rows.push(`| ${label} | plain local copy (cp -r) | ${cp.toFixed(2)} | ${mbps(cp)} | | | | 100 % | | |`);
    for (const dir of ['up', 'down']) {
      const [a, b] = times[dir].map(median);
      const what = dir === 'up' ? 'local → acd emulator' : 'acd emulator → local';
      const theirs = b === undefined ? '| | |' : `| ${b.toFixed(2)} | ${mbps(b)} |`;
      const [rssA, rssB] = rss[dir].map((m) => (Number.isNaN(m) ? '' : m.toFixed(0)));
      rows.push(`| ${label} | ${what} | ${a.toFixed(2)} | ${mbps(a)} ${theirs} ${b === undefined ? '' : (a / b).toFixed(2)} | ${(cp / a * 100).toFixed(0)} % | ${rssA} | ${rssB ?? ''} |`);
    }
  }
  console.log(`Machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}${rclone ? `, ${rclone}` : ''}; emulator on 127.0.0.1, its data and the downloads in ${dirname(work)}; ${rounds} rounds, alternating; medians, peak RSS the highest of the rounds; default --transfers 4.${envNote()}\n`);
  console.log('| data | copy | rsyncish s | rsyncish MB/s | rclone s | rclone MB/s | ratio | rsyncish vs cp | rsyncish peak RSS MiB | rclone peak RSS MiB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(rows.join('\n'));
} finally {
  await proxy?.close();
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
}

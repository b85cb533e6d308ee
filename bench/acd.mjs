#!/usr/bin/env node
// node bench/acd.mjs : 200 files of 1 MiB to the ACD emulator and back with
// rsyncish (and with Debian's rclone acd backend through the TLS proxy, when
// rclone and openssl are installed), next to a plain local copy (cp -r) and an
// rsyncish local copy of the same files. Prints a markdown table of MB/s
// (1 MB = 10^6 bytes). Env: BENCH_FILES (200), BENCH_FILE_SIZE (1048576).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { patterned } from '../test/helpers.mjs';
import { createAcdRemote, startEmulatorProcess } from '../test/support/acd-processes.mjs';
import { haveOpenssl, makeTestCertificates, startTlsProxy } from '../test/support/tls-proxy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.js');
const count = Number(process.env.BENCH_FILES ?? 200);
const size = Number(process.env.BENCH_FILE_SIZE ?? 1024 * 1024);
const total = count * size;
const work = mkdtempSync(join(tmpdir(), 'rsyncish-bench-acd-'));
const src = join(work, 'src');
const config = join(work, 'rsyncish.conf');
const env = { ...process.env, RSYNCISH_CONFIG: config };

mkdirSync(src);
for (let i = 0; i < count; i++) writeFileSync(join(src, `file-${String(i).padStart(4, '0')}.bin`), patterned(size, i + 1));

/** Run a command to completion and return its wall time; async, so the proxy in this process keeps serving. */
function timed(label, argv, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${label} failed (${code}): ${err.trim().split('\n').at(-1)}`));
      console.error(`${label}: ${s.toFixed(2)} s`);
      resolve(s);
    });
  });
}

const rows = [];
const mbps = (s) => (total / 1e6 / s).toFixed(1);
const emu = await startEmulatorProcess(['--auto-approve', '--data', join(work, 'drive')]);
let proxy;
try {
  rows.push(['plain local copy (cp -r)', await timed('cp', ['cp', '-r', src, join(work, 'cp-dst')])]);
  rows.push(['rsyncish local → local', await timed('rsyncish local', [cli, 'copy', src, join(work, 'local-dst'), '-q'], { env })]);
  await createAcdRemote(emu, config, 'emu');
  rows.push(['rsyncish local → acd emulator', await timed('rsyncish up', [cli, 'copy', src, 'emu:bench', '-q'], { env })]);
  rows.push(['rsyncish acd emulator → local', await timed('rsyncish down', [cli, 'copy', 'emu:bench', join(work, 'down'), '-q'], { env })]);
  let rclone = '';
  try {
    rclone = execFileSync('rclone', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    console.error('rclone not installed: rsyncish only');
  }
  if (rclone && haveOpenssl()) {
    const certs = makeTestCertificates(work);
    proxy = await startTlsProxy({ target: emu.url, cert: certs.cert, key: certs.key });
    const token = await emu.control('POST', 'tokens', { ttl: '1h' });
    const rcConf = join(work, 'rclone.conf');
    writeFileSync(rcConf, `[rc]\ntype = amazon cloud drive\nclient_id = bench\nclient_secret = bench\ntoken_url = ${emu.urls.token_url}\ntoken = ${JSON.stringify({ access_token: token.access_token, token_type: 'bearer', refresh_token: token.refresh_token, expiry: token.expiry })}\n`);
    const rcEnv = { ...process.env, HTTPS_PROXY: proxy.url, NO_PROXY: '', no_proxy: '', HTTP_PROXY: '', http_proxy: '' };
    const rc = (args) => ['rclone', '--config', rcConf, '--ca-cert', certs.ca, '-q', ...args];
    rows.push([`rclone local → acd emulator (${rclone})`, await timed('rclone up', rc(['copy', src, 'rc:bench-rclone']), { env: rcEnv })]);
    rows.push([`rclone acd emulator → local (${rclone})`, await timed('rclone down', rc(['copy', 'rc:bench-rclone', join(work, 'rc-down')]), { env: rcEnv })]);
  }
} finally {
  await proxy?.close();
  await emu.stop();
  rmSync(work, { recursive: true, force: true });
}

console.log(`${count} files × ${size} B = ${(total / 1e6).toFixed(1)} MB; ${cpus().length} × ${cpus()[0].model}, Node ${process.version}; emulator on 127.0.0.1, temp dir ${tmpdir()}; default --transfers 4.\n`);
console.log('| copy | seconds | MB/s |');
console.log('|---|---:|---:|');
for (const [label, s] of rows) console.log(`| ${label} | ${s.toFixed(2)} | ${mbps(s)} |`);

#!/usr/bin/env node
// Streams one generated file up to and down from the emulator (started as a child process) and
// compares the rates with a plain copy of the same file on the same disk. Reports the emulator's
// peak RSS (VmHWM). Usage: node bench/throughput.mjs [SIZE] (default 2G; 10G, 500M, plain bytes).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const { parseSize } = await import('../dist/units.js');
const size = parseSize(process.argv[2] ?? '2G');
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const work = await mkdtemp(join(base, 'acd-bench-'));
const bin = fileURLToPath(new URL('../bin/acd-emulator.js', import.meta.url));
const mbps = (bytes, ms) => (bytes / 2 ** 20 / (ms / 1000)).toFixed(0);

async function generate(path) {
  const block = randomBytes(4 * 2 ** 20);
  const hash = createHash('md5');
  const out = createWriteStream(path);
  for (let left = size; left > 0; left -= block.length) {
    const chunk = left >= block.length ? block : block.subarray(0, left);
    chunk.writeUInt32LE(left >>> 0, 0); // no two blocks alike
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  return hash.digest('hex');
}

async function timed(fn) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

function startEmulator(dataDir) {
  const child = spawn(process.execPath, [bin, '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
  });
}

function call(url, opts = {}, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, opts, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function upload(url, token, rootId, path) {
  const boundary = randomBytes(30).toString('hex');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n` +
    `${JSON.stringify({ name: 'bench.bin', kind: 'FILE', parents: [rootId] })}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="bench.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const req = request(`${url}/cdproxy/nodes?suppress=deduplication`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Transfer-Encoding': 'chunked' },
  });
  const reply = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
  req.write(head);
  await pipeline(createReadStream(path, { highWaterMark: 2 ** 20 }), req, { end: false });
  req.end(`\r\n--${boundary}--\r\n`);
  return reply;
}

function download(url, token, id, dest) {
  return new Promise((resolve, reject) => {
    request(`${url}/cdproxy/nodes/${id}/content`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const hash = createHash('md5');
      res.on('data', (c) => hash.update(c));
      pipeline(res, createWriteStream(dest)).then(() => resolve({ status: res.statusCode, md5: hash.digest('hex') }), reject);
    }).on('error', reject).end();
  });
}

async function peakRss(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

const src = join(work, 'source.bin');
let emu;
try {
  console.log(`file: ${(size / 2 ** 20).toFixed(0)} MiB in ${work}`);
  const md5 = (await timed(() => generate(src))).value;
  const copy = await timed(() => copyFile(src, join(work, 'copy.bin')));
  await rm(join(work, 'copy.bin'));
  const streamCopy = await timed(() => pipeline(createReadStream(src, { highWaterMark: 2 ** 20 }), createWriteStream(join(work, 'copy.bin'))));
  await rm(join(work, 'copy.bin'));

  emu = await startEmulator(join(work, 'emulator-data'));
  const token = JSON.parse((await call(`${emu.url}/_emulator/tokens`, { method: 'POST' })).text).access_token;
  const rootQuery = await call(`${emu.url}/drive/v1/nodes?filters=isRoot:true`, { headers: { Authorization: `Bearer ${token}` } });
  const rootId = JSON.parse(rootQuery.text).data[0].id;

  const up = await timed(() => upload(emu.url, token, rootId, src));
  if (up.value.status !== 201) throw new Error(`upload: ${up.value.status} ${up.value.text}`);
  const node = JSON.parse(up.value.text);
  if (node.contentProperties.md5 !== md5) throw new Error('uploaded md5 differs');
  const down = await timed(() => download(emu.url, token, node.id, join(work, 'down.bin')));
  if (down.value.status !== 200 || down.value.md5 !== md5) throw new Error(`download: ${down.value.status} md5 ${down.value.md5}`);
  if ((await stat(join(work, 'down.bin'))).size !== size) throw new Error('download size differs');
  const rss = await peakRss(emu.child.pid);

  console.log(`fs.copyFile            ${mbps(size, copy.ms).padStart(6)} MB/s`);
  console.log(`stream copy            ${mbps(size, streamCopy.ms).padStart(6)} MB/s`);
  console.log(`emulator upload        ${mbps(size, up.ms).padStart(6)} MB/s  (md5 verified)`);
  console.log(`emulator download      ${mbps(size, down.ms).padStart(6)} MB/s  (md5 verified)`);
  console.log(`emulator peak RSS      ${rss.toFixed(0).padStart(6)} MiB  (VmHWM)`);
} finally {
  if (emu) {
    emu.child.removeAllListeners('exit');
    emu.child.kill('SIGTERM');
  }
  await rm(work, { recursive: true, force: true });
}

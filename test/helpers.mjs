// Shared helpers for the end-to-end tests: run the built CLI as a real process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, utimesSync, readdirSync, statSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(ROOT, 'packages/cli/bin/run.cjs');

const made = [];
// Each test file is a process of its own: what it made goes when it exits
// (the interrupted-sync test alone writes ~1 GB; a hundred CI runs filled a disk).
process.on('exit', () => {
  for (const dir of made) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test made unreadable (chmod 000) stays; nothing to do about it here.
    }
  }
});

/** A fresh folder under the system's temp folder, removed when the test process exits. */
export function tempDir(prefix = 'rsyncish-e2e-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Run `rsyncish ...args`; resolves {code, signal, stdout, stderr}. */
export function rsyncish(args, { env = {}, config, uid, gid, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, {
      env: { ...process.env, ...(config ? { RSYNCISH_CONFIG: config } : {}), ...env },
      uid, gid, cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, child }));
  });
}

/** Run any program to its end; resolves {code, stdout, stderr} (rclone, for comparisons). */
export function runProgram(command, args, { env, cwd, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: env ?? process.env, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Start `rsyncish ...args` and hand back the child (for kill tests). */
export function startRsyncish(args, { env = {}, config } = {}) {
  return spawn(CLI, args, {
    env: { ...process.env, ...(config ? { RSYNCISH_CONFIG: config } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Write files from a {relativePath: content | {size, seed}} spec, with fixed ms modtimes. */
export function makeTree(root, spec, baseTime = Date.parse('2023-05-06T07:08:09.123Z')) {
  let i = 0;
  for (const [rel, content] of Object.entries(spec)) {
    const p = join(root, rel);
    if (rel.endsWith('/')) {
      mkdirSync(p, { recursive: true });
      continue;
    }
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : patterned(content.size, content.seed ?? 1));
    const t = new Date(baseTime + 1000 * i++ + i);
    utimesSync(p, t, t);
  }
}

/** Deterministic bytes of a given size (cheap even at 100 MB). */
export function patterned(size, seed = 1) {
  const buf = Buffer.allocUnsafe(size);
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    if (i + 4 <= size) buf.writeUInt32LE(x, i);
    else for (let j = i; j < size; j++) buf[j] = (x >>> ((j - i) * 8)) & 0xff;
  }
  return buf;
}

/** Every file under root as {path: {size, mtimeMs (floored), sha}} for comparisons. */
export function snapshot(root, { content = true } = {}) {
  const out = {};
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(p);
      if (st.isDirectory()) walk(p, r);
      else out[r] = { size: st.size, mtimeMs: Math.floor(st.mtimeMs), ...(content ? { md5: hash(readFileSync(p)) } : {}) };
    }
  };
  walk(root, '');
  return out;
}

import { createHash } from 'node:crypto';
function hash(b) {
  return createHash('md5').update(b).digest('hex');
}

/** Exit 1 and exactly one `ERROR : ... (hint: ...)` line on stderr; returns the line. */
export function oneErrorLine(r) {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0], /^ERROR : .* \(hint: .+\)$/);
  return lines[0];
}

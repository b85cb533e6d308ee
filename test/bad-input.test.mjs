// Issue: bad input gets a one-line error naming the culprit, the documented
// exit code, and no stack trace.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';

const errorLines = (stderr) => stderr.split('\n').filter((l) => /ERROR|Error/.test(l));

function assertOneLineError(r, code, pattern) {
  assert.equal(r.code, code, `exit code\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
  const lines = errorLines(r.stderr);
  assert.equal(lines.length, 1, `exactly one error line:\n${r.stderr}`);
  assert.match(lines[0], pattern);
}

test('an unknown remote names the remote and exits 1', async () => {
  const dir = tempDir();
  const r = await rsyncish(['ls', 'nosuchremote:path'], { config: join(dir, 'c.conf') });
  assertOneLineError(r, 1, /"nosuchremote"/);
});

test('a missing source directory exits 3 (directory not found)', async () => {
  const dir = tempDir();
  const r = await rsyncish(['copy', join(dir, 'does-not-exist'), join(dir, 'dst')], { config: join(dir, 'c.conf') });
  assertOneLineError(r, 3, /does-not-exist/);
  assert.ok(!existsSync(join(dir, 'dst')), 'nothing created at the destination');
});

test('a malformed config file names the file and the line, exit 1', async () => {
  const dir = tempDir();
  const config = join(dir, 'broken.conf');
  writeFileSync(config, '[good]\ntype = local\n\n[broken\ntype = local\n');
  const r = await rsyncish(['ls', 'good:'], { config });
  assertOneLineError(r, 1, new RegExp(`${config.replace(/[.]/g, '\\.')}:4`));
});

test('--max-size=lots is a usage error naming the flag, exit 1', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'src'));
  const r = await rsyncish(['copy', join(dir, 'src'), join(dir, 'dst'), '--max-size=lots'], { config: join(dir, 'c.conf') });
  assertOneLineError(r, 1, /--max-size.*lots|lots.*--max-size/);
});

test('an unreadable file is counted as an error and every other file is still copied', { skip: process.getuid?.() !== 0 && 'needs root to switch to an unprivileged user' }, async () => {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const src = join(dir, 'src');
  makeTree(src, { 'a.txt': 'a', 'secret.txt': 'no', 'sub/b.txt': 'b' });
  chmodSync(join(src, 'secret.txt'), 0o000);
  chmodSync(src, 0o755);
  chmodSync(join(src, 'sub'), 0o755);
  const dst = join(dir, 'dst');
  mkdirSync(dst, { mode: 0o777 });
  chmodSync(dst, 0o777);
  // Root reads anything, so run as nobody to make the file truly unreadable.
  const r = await rsyncish(['copy', '-v', src, dst, '--retries', '1'], { config: join(dir, 'c.conf'), uid: 65534, gid: 65534, env: { HOME: dir } });
  assert.notEqual(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
  assert.match(r.stderr, /secret\.txt/);
  assert.match(r.stderr, /Errors:\s+1\b/);
  assert.ok(existsSync(join(dst, 'a.txt')));
  assert.ok(existsSync(join(dst, 'sub/b.txt')));
  assert.ok(!existsSync(join(dst, 'secret.txt')));
});

// --log-file gets every line of the run, the final error included, and
// stderr stays empty, as with rclone's --log-file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { noLocalRclone, rclone } from './support/local-rclone.mjs';

const STAMP = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /;

test('a failing copy writes its final error to the log file, not to stderr, as rclone', { skip: noLocalRclone }, async () => {
  const dir = tempDir('rsyncish-log-file-');
  const ours = join(dir, 'ours.log');
  const theirs = join(dir, 'theirs.log');
  const r = await rsyncish(['copy', join(dir, 'nope'), join(dir, 'x'), '--log-file', ours], { config: join(dir, 'none.conf') });
  const rc = await rclone(['copy', join(dir, 'nope'), join(dir, 'x'), '--log-file', theirs]);
  assert.equal(r.code, 3);
  assert.equal(r.code, rc.code);
  assert.equal(r.stderr, '');
  assert.equal(rc.stderr, '');
  const lines = readFileSync(ours, 'utf8').trimEnd().split('\n');
  assert.match(lines.at(-1), /ERROR : directory not found: .*nope \(hint: .+\)$/);
  for (const line of lines) assert.match(line, STAMP, 'every line of the file has its timestamp');
  assert.match(readFileSync(theirs, 'utf8'), /Failed to copy: directory not found/);
});

test('-v with --log-file: the files copied, the stats and nothing on stderr', async () => {
  const dir = tempDir('rsyncish-log-file-v-');
  makeTree(dir, { 's/a.txt': 'alpha\n' });
  const log = join(dir, 'run.log');
  const r = await rsyncish(['copy', '-v', join(dir, 's'), join(dir, 'd'), '--log-file', log], { config: join(dir, 'none.conf') });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const text = readFileSync(log, 'utf8');
  assert.match(text, /INFO {2}: a\.txt: Copied \(new\)/);
  assert.match(text, /Transferred:\s+1 \/ 1, 100%/);
});

test('a usage mistake found once the log file is open goes to the file too', async () => {
  const dir = tempDir('rsyncish-log-file-usage-');
  const log = join(dir, 'run.log');
  const r = await rsyncish(['ls', join(dir, 'nope'), '--log-file', log], { config: join(dir, 'none.conf') });
  assert.equal(r.code, 3);
  assert.equal(r.stderr, '');
  assert.match(readFileSync(log, 'utf8'), /ERROR : directory not found: /);
});

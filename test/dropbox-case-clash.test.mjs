// Dropbox names ignore case: two source files whose names differ only in case
// are one name there, so neither is copied and both are reported, as for ACD;
// a file whose name differs from the remote's only in case updates that file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { startDropboxEmulator, writeDropboxConfig } from './support/dropbox-processes.mjs';

const dir = tempDir('rsyncish-dropbox-case-');
const config = join(dir, 'rsyncish.conf');
let emu;

before(async () => {
  emu = await startDropboxEmulator([], { name: 'remote' });
  await writeDropboxConfig(emu, config, ['batch_mode = off']);
});
after(async () => {
  await emu?.stop();
});

test('two source names that differ only in case are reported and neither is copied', async () => {
  const src = join(dir, 'clash');
  makeTree(src, { 'Photo.jpg': 'upper\n', 'photo.jpg': 'lower\n', 'ok.txt': 'fine\n' });
  const r = await rsyncish(['copy', src, 'remote:clash', '--stats', '0'], { config });
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /"Photo\.jpg" and "photo\.jpg" in the source root are the same name on remote:clash, which is case-insensitive/);
  const ls = await rsyncish(['ls', 'remote:clash'], { config });
  assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.trim()), ['5 ok.txt']);
});

test('a source name that differs from the remote\'s only in case updates that one file', async () => {
  const first = join(dir, 'v1');
  makeTree(first, { 'Readme.md': 'version one\n' });
  assert.equal((await rsyncish(['copy', first, 'remote:docs', '-q'], { config })).code, 0);
  const second = join(dir, 'v2');
  makeTree(second, { 'README.md': 'version two, longer\n' }, Date.parse('2024-01-02T03:04:05Z'));
  const r = await rsyncish(['sync', second, 'remote:docs', '-q'], { config });
  assert.equal(r.code, 0, r.stderr);
  const ls = await rsyncish(['ls', 'remote:docs'], { config });
  assert.equal(ls.stdout.trim().split('\n').length, 1, ls.stdout);
  const cat = await rsyncish(['cat', 'remote:docs/readme.MD'], { config });
  assert.equal(cat.stdout, 'version two, longer\n');
});

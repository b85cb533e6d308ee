// A Dropbox upload killed midway (SIGKILL, after some chunks of its upload
// session were sent) commits nothing: the remote keeps the previous version
// whole, and a re-run replaces it with the complete new one.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, startRsyncish, tempDir } from './helpers.mjs';
import { startDropboxEmulator, writeDropboxConfig } from './support/dropbox-processes.mjs';

const dir = tempDir('rsyncish-dropbox-kill-');
const config = join(dir, 'rsyncish.conf');
let emu;

before(async () => {
  emu = await startDropboxEmulator([], { name: 'remote' });
  // Small chunks: the new version takes many appends, so the kill lands between two of them.
  await writeDropboxConfig(emu, config, ['chunk_size = 256Ki']);
});
after(async () => {
  await emu?.stop();
});

/** What `md5sum` prints for the one file of `root`. */
const md5Line = (root) => `${createHash('md5').update(readFileSync(join(root, 'big.bin'))).digest('hex')}  big.bin\n`;

test('SIGKILL during an upload session leaves the previous version, and a re-run stores the new one', async () => {
  const v1 = join(dir, 'v1');
  makeTree(v1, { 'big.bin': { size: 300_000, seed: 1 } });
  assert.equal((await rsyncish(['copy', v1, 'remote:kill', '-q'], { config })).code, 0);

  const v2 = join(dir, 'v2');
  makeTree(v2, { 'big.bin': { size: 2 * 1024 * 1024, seed: 2 } }, Date.parse('2024-05-06T07:08:09Z'));
  // --dump headers shows each request as it is sent: kill after the second append.
  const child = startRsyncish(['copy', v2, 'remote:kill', '--dump', 'headers', '--bwlimit', '1M'], { config });
  let seen = '';
  await new Promise((resolve) => {
    child.stderr.on('data', (d) => {
      seen += d;
      if ((seen.match(/upload_session\/append_v2/g) ?? []).length >= 2) resolve();
    });
    child.on('close', resolve);
  });
  child.kill('SIGKILL');
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('close', r)));
  assert.ok((seen.match(/upload_session\/append_v2/g) ?? []).length >= 2, 'the kill came during the upload session');

  const after = await rsyncish(['md5sum', '--download', 'remote:kill'], { config });
  assert.equal(after.stdout, md5Line(v1), 'the previous version, whole');

  const again = await rsyncish(['copy', v2, 'remote:kill', '-q'], { config });
  assert.equal(again.code, 0, again.stderr);
  const remote = await rsyncish(['md5sum', '--download', 'remote:kill'], { config });
  assert.equal(remote.stdout, md5Line(v2));
});

// Names survive ACD -> local -> ACD byte for byte: a FULLWIDTH SOLIDUS typed in
// a web UI stays a FULLWIDTH SOLIDUS (it is not a slash, so nothing is refused
// and no later sync stops deleting), and ‛AB stays ‛AB instead of U+FFFD.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { startAcdRemote } from '../support/acd-remote.mjs';
import { acdFilesUnder, hex, localFilesByBytes, md5, plantAcdFolder } from './support/names.mjs';

// Server names as a web UI or another client left them, with their content.
const ODD = {
  '2024／01／報告書.pdf': 'report PDF',
  'x‛AB.txt': 'quoted byte',
  'report‛ED‛A0‛80.txt': 'surrogate bytes',
  'report\uFFFD.txt': 'replacement char',
  'a‛‛b.txt': 'one quote mark, as rclone writes it',
  'Tom‛s notes.txt': 'one quote mark, as a person types it',
  '．．': 'two full stops',
  'ctl\u0001.txt': 'control char',
  'nul␀.txt': 'symbol for NUL',
};

let emu;
let config;
before(async () => {
  ({ emu, config } = await startAcdRemote());
  await plantAcdFolder(emu, 'odd', ODD);
});
after(async () => {
  await emu?.stop();
});
const run = (args) => rsyncish(args, { config });

test('ACD -> local -> ACD: every server name comes back byte for byte', async () => {
  const local = tempDir();
  const down = await run(['sync', 'acd:odd', local]);
  assert.equal(down.code, 0, down.stderr);
  // On disk as rclone's local backend names them: ／ is not a slash; ‛AB is kept as text.
  const disk = localFilesByBytes(local);
  assert.equal(disk[hex('2024／01／報告書.pdf')], md5('report PDF'));
  assert.equal(disk[hex('x‛AB.txt')], md5('quoted byte'));
  assert.equal(Object.keys(disk).length, Object.keys(ODD).length);

  const up = await run(['sync', local, 'acd:odd-back']);
  assert.equal(up.code, 0, up.stderr);
  assert.deepEqual(acdFilesUnder(emu, 'odd-back'), Object.fromEntries(Object.entries(ODD).map(([n, c]) => [n, md5(c)])));

  const again = await run(['sync', 'acd:odd', local, '-v']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /There was nothing to transfer/);
});

test('a FULLWIDTH SOLIDUS name does not block the deletes of a later sync', async () => {
  const local = tempDir();
  makeTree(local, { 'stale.txt': 'extraneous' });
  const r = await run(['sync', 'acd:odd', local]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /not deleting/);
  const files = snapshot(local);
  assert.equal(files['stale.txt'], undefined, 'the extraneous file was deleted');
  assert.equal(files['2024／01／報告書.pdf']?.md5, md5('report PDF'));
});

test('ls shows the ‛AB and surrogate names as stored, never as U+FFFD', async () => {
  const r = await run(['ls', 'acd:odd']);
  assert.equal(r.code, 0, r.stderr);
  // `ls` prints "<size> <path>" a line, as rclone.
  const lines = r.stdout.trim().split('\n').map((l) => l.trim().replace(/^\d+ /, ''));
  for (const name of ['2024／01／報告書.pdf', 'x‛AB.txt', 'report‛ED‛A0‛80.txt', 'report\uFFFD.txt']) {
    assert.ok(lines.includes(name), `${name} in ${JSON.stringify(lines)}`);
  }
});

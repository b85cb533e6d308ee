// A name in NFC and its NFD twin (as a Mac writes it) are two files. Names are
// matched exactly first, so copy never overwrites a twin; sync treats a twin the
// source lacks as extraneous (on ACD, to the trash, content kept).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { useAcdRemote } from '../support/acd-remote.mjs';
import { acdFiles, acdFilesUnder, hex, localFilesByBytes, md5, plantAcdFolder } from './support/names.mjs';

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';

let emu;
let config;
useAcdRemote((remote) => ({ emu, config } = remote));
const run = (args) => rsyncish(args, { config });

const plantTwins = (folder) => plantAcdFolder(emu, folder, { [NFC]: 'AAAA', [NFD]: 'BBBBBB' });

test('copy of a local NFC café leaves the NFD twin on ACD alone', async () => {
  await plantTwins('copy-twins');
  const local = tempDir();
  makeTree(local, { [NFC]: 'AAAA' });
  const r = await run(['copy', local, 'acd:copy-twins', '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /replace|Updated|Copied/i);
  assert.deepEqual(acdFilesUnder(emu, 'copy-twins'), { [NFC]: md5('AAAA'), [NFD]: md5('BBBBBB') });
  assert.deepEqual(acdFiles(emu, 'TRASH'), {}, 'nothing trashed');
});

test('a changed NFC file replaces only the NFC file', async () => {
  await plantTwins('update-twins');
  const local = tempDir();
  makeTree(local, { [NFC]: 'AAAA, changed' });
  const r = await run(['copy', local, 'acd:update-twins']);
  assert.equal(r.code, 0, r.stderr);
  const files = acdFiles(emu);
  assert.equal(files[`update-twins/${NFC}`], md5('AAAA, changed'));
  assert.equal(files[`update-twins/${NFD}`], md5('BBBBBB'), 'the NFD twin kept its bytes');
});

test('sync treats the NFD twin the source lacks as extraneous: trashed with its content', async () => {
  await plantTwins('sync-twins');
  const local = tempDir();
  makeTree(local, { [NFC]: 'AAAA' });
  const r = await run(['sync', local, 'acd:sync-twins']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(acdFiles(emu)[`sync-twins/${NFC}`], md5('AAAA'));
  assert.equal(acdFiles(emu)[`sync-twins/${NFD}`], undefined);
  assert.equal(acdFiles(emu, 'TRASH')[`sync-twins/${NFD}`], md5('BBBBBB'), 'in the trash, not destroyed');
});

test('both twins come down from ACD as two local files, names byte for byte', async () => {
  await plantTwins('down-twins');
  const local = tempDir();
  const r = await run(['copy', 'acd:down-twins', local]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(localFilesByBytes(local), { [hex(NFC)]: md5('AAAA'), [hex(NFD)]: md5('BBBBBB') });
  const again = await run(['sync', 'acd:down-twins', local, '-v']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /There was nothing to transfer/);
  assert.equal(Object.keys(snapshot(local)).length, 2);
});

test('a lone NFD twin on the destination is the NFC source file (rclone matches them)', async () => {
  await plantAcdFolder(emu, 'lone-twin', { [NFD]: 'AAAA' });
  const local = tempDir();
  makeTree(local, { [NFC]: 'AAAA' });
  const r = await run(['sync', local, 'acd:lone-twin', '-v']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /There was nothing to transfer/);
  assert.deepEqual(acdFilesUnder(emu, 'lone-twin'), { [NFD]: md5('AAAA') });
});

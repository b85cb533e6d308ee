// Two remote names must never become one local file. ACD's `report\uFFFD.txt`
// and `report‛ED‛A0‛80.txt` (rclone's encoding of a lone surrogate's bytes) are
// two names and arrive as two files; names the destination would store as one
// are an error naming both, and nothing is overwritten or deleted for them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from '../helpers.mjs';
import { useAcdRemote } from '../support/acd-remote.mjs';
import { acdFiles, acdFilesUnder, assertKept, hex, localFilesByBytes, md5, plantAcdFolder } from './support/names.mjs';

const REPLACEMENT = 'report\uFFFD.txt';
const SURROGATE_BYTES = 'report‛ED‛A0‛80.txt';

let emu;
let config;
useAcdRemote((remote) => ({ emu, config } = remote));
const run = (args) => rsyncish(args, { config });

test('the U+FFFD name and the encoded-surrogate name land as two files, and a re-run copies nothing', async () => {
  await plantAcdFolder(emu, 'twins', { [REPLACEMENT]: 'AAAA', [SURROGATE_BYTES]: 'BBBBBB' });
  const local = tempDir();
  const first = await run(['copy', 'acd:twins', local]);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(localFilesByBytes(local), { [hex(REPLACEMENT)]: md5('AAAA'), [hex(SURROGATE_BYTES)]: md5('BBBBBB') });

  const again = await run(['copy', 'acd:twins', local, '-v']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /There was nothing to transfer/);

  // And back: the server names come back exactly.
  const back = await run(['copy', local, 'acd:twins-back']);
  assert.equal(back.code, 0, back.stderr);
  assert.deepEqual(acdFilesUnder(emu, 'twins-back'), { [REPLACEMENT]: md5('AAAA'), [SURROGATE_BYTES]: md5('BBBBBB') });
});

test('move of both names keeps both: each source goes to the trash only with its own copy made', async () => {
  await plantAcdFolder(emu, 'moving', { [REPLACEMENT]: 'AAAA', [SURROGATE_BYTES]: 'BBBBBB' });
  const local = tempDir();
  const r = await run(['move', 'acd:moving', local]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(localFilesByBytes(local), { [hex(REPLACEMENT)]: md5('AAAA'), [hex(SURROGATE_BYTES)]: md5('BBBBBB') });
  const trashed = acdFiles(emu, 'TRASH');
  assert.equal(trashed[`moving/${REPLACEMENT}`], md5('AAAA'));
  assert.equal(trashed[`moving/${SURROGATE_BYTES}`], md5('BBBBBB'));
});

test('names the destination stores as one are an error naming both; nothing overwritten, no source deleted', async () => {
  // Without InvalidUtf8 in its encoding, local cannot write the three invalid
  // bytes; each would be written as U+FFFD, the name of a file already there.
  const three = 'r\uFFFD\uFFFD\uFFFD.txt';
  await plantAcdFolder(emu, 'clash', { [three]: 'AAAA', 'r‛ED‛A0‛80.txt': 'BBBBBB', 'fine.txt': 'fine' });
  const local = tempDir();
  makeTree(local, { [three]: 'OLD local bytes' });
  const localBefore = snapshot(local);
  const acdBefore = acdFiles(emu);

  const r = await run(['move', 'acd:clash', local, '--local-encoding', 'Slash,Dot']);
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /"r\uFFFD\uFFFD\uFFFD\.txt" and "r‛ED‛A0‛80\.txt" in the source root are the same name on /);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');

  const localAfter = snapshot(local);
  assertKept(assert, localBefore, localAfter, 'local');
  assert.equal(localAfter['fine.txt']?.md5, md5('fine'), 'the other file still moved');
  const acdAfter = acdFiles(emu);
  assert.equal(acdAfter[`clash/${three}`], md5('AAAA'), 'source kept');
  assert.equal(acdAfter['clash/r‛ED‛A0‛80.txt'], md5('BBBBBB'), 'source kept');
  assert.equal(acdAfter['clash/fine.txt'], undefined, 'the copied file was moved');
  assertKept(assert, Object.fromEntries(Object.entries(acdBefore).filter(([p]) => !p.startsWith('clash/'))), acdAfter, 'acd');
});

test('case twins moved to a case-insensitive ACD: an error naming both, both sources stay', async () => {
  const local = tempDir();
  makeTree(local, { 'Report.txt': 'upper', 'report.txt': 'lower', 'other.txt': 'other' });
  const before = snapshot(local);
  const r = await run(['move', local, 'acd:ci-moved']);
  assert.equal(r.code, 6, r.stderr);
  assert.match(r.stderr, /"Report\.txt" and "report\.txt" in the source root are the same name on/);
  const after = snapshot(local);
  assert.deepEqual(Object.keys(after).sort(), ['Report.txt', 'report.txt']);
  assertKept(assert, { 'Report.txt': before['Report.txt'], 'report.txt': before['report.txt'] }, after, 'local');
  assert.deepEqual(Object.keys(acdFilesUnder(emu, 'ci-moved')), ['other.txt']);
});

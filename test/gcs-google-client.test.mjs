// Google's own Node.js client, @google-cloud/storage, pointed at the
// emulator with apiEndpoint, runs a scripted workflow: simple and resumable
// uploads, listings with prefixes, ranged downloads, copy, metadata, delete.
// rsyncish then reads what it wrote, and it reads what rsyncish wrote.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Storage } from '@google-cloud/storage';
import { makeTree, patterned, rsyncish, tempDir } from './helpers.mjs';
import { rsyncishInteractive } from './support/acd-processes.mjs';
import { startGcsEmulator } from './support/gcs-emulator.mjs';

const dir = tempDir('rsyncish-gcs-google-');
let emu;
let storage;
let bucket;
let config;
before(async () => {
  // Without --require-auth: the client sends no credentials to a custom endpoint, and rsyncish goes anonymous.
  // An OAuth client for the browser login of the last test.
  emu = await startGcsEmulator(['--client-id', 'e2e-client', '--client-secret', 'e2e-secret', '--auto-approve']);
  config = join(dir, 'gcs.conf');
  writeFileSync(config, `${emu.section}anonymous = true\n`);
  storage = new Storage({ apiEndpoint: emu.url, projectId: 'demo-e2e' });
  [bucket] = await storage.createBucket('google-client');
});
after(async () => {
  await emu?.stop();
});

const big = patterned(1024 * 1024 + 333, 7);

test('Google\'s client uploads simply and resumably, lists by prefix, reads ranges, copies, patches and deletes', async () => {
  await bucket.file('docs/a.txt').save('hello google storage', {
    resumable: false,
    contentType: 'text/plain',
    metadata: { metadata: { mtime: '2022-03-04T05:06:07.123456789Z' } },
  });
  // 256 KiB chunks: five requests to one session, checked by the client's CRC32C.
  const chunksBefore = (await emu.control('GET', 'stats')).chunks;
  await bucket.file('docs/deeper/big.bin').save(big, { resumable: true, chunkSize: 256 * 1024, validation: 'crc32c' });
  assert.equal((await emu.control('GET', 'stats')).chunks - chunksBefore, 5, 'one request per chunk');
  await bucket.file('top.txt').save('at the top', { resumable: false });

  const [, , top] = await bucket.getFiles({ delimiter: '/', autoPaginate: false });
  assert.deepEqual(top.prefixes, ['docs/']);
  assert.deepEqual(top.items.map((o) => o.name), ['top.txt']);
  const [below] = await bucket.getFiles({ prefix: 'docs/' });
  assert.deepEqual(below.map((f) => f.name), ['docs/a.txt', 'docs/deeper/big.bin']);
  const [paged, next] = await bucket.getFiles({ maxResults: 2, autoPaginate: false });
  assert.equal(paged.length, 2);
  assert.ok(next?.pageToken, 'a second page');

  const [part] = await bucket.file('docs/a.txt').download({ start: 6, end: 11 });
  assert.equal(part.toString(), 'google');
  const [whole] = await bucket.file('docs/deeper/big.bin').download({ validation: 'md5' });
  assert.ok(whole.equals(big));
  const [tail] = await bucket.file('docs/deeper/big.bin').download({ start: big.length - 10 });
  assert.ok(tail.equals(big.subarray(big.length - 10)));

  await bucket.file('docs/deeper/big.bin').copy(bucket.file('copies/big.bin'));
  const [copied] = await bucket.file('copies/big.bin').download();
  assert.ok(copied.equals(big));

  await bucket.file('top.txt').setMetadata({ metadata: { colour: 'blue' } });
  const [meta] = await bucket.file('top.txt').getMetadata();
  assert.equal(meta.metadata.colour, 'blue');
  assert.equal(Number(meta.metageneration), 2);

  await bucket.file('top.txt').delete();
  const [exists] = await bucket.file('top.txt').exists();
  assert.equal(exists, false);
});

test('rsyncish reads what Google\'s client wrote, modtime metadata included, and the client reads rsyncish\'s', async () => {
  const ls = await rsyncish(['lsl', 'gcs:google-client/docs'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, /^ +20 2022-03-04 05:06:07\.123456789 a\.txt$/m);
  assert.match(ls.stdout, new RegExp(`^ +${big.length} \\S+ \\S+ deeper/big\\.bin$`, 'm'));

  makeTree(dir, { 'ours/from-rsyncish.txt': 'written by rsyncish\n' }, Date.parse('2023-06-07T08:09:10.456Z'));
  const up = await rsyncish(['copy', join(dir, 'ours'), 'gcs:google-client/ours'], { config });
  assert.equal(up.code, 0, up.stderr);
  const file = bucket.file('ours/from-rsyncish.txt');
  const [content] = await file.download();
  assert.equal(content.toString(), 'written by rsyncish\n');
  const [meta] = await file.getMetadata();
  const mtime = statSync(join(dir, 'ours/from-rsyncish.txt')).mtime;
  assert.equal(meta.metadata.mtime, mtime.toISOString(), 'rclone\'s mtime key, RFC 3339');
  assert.equal(meta.metadata['goog-reserved-file-mtime'], String(Math.floor(mtime.getTime() / 1000)), 'gsutil\'s key, seconds');
});

test('a remote made by config create from the printed section logs in through the browser and works', async () => {
  // Every `option = value` line the emulator printed, as config create arguments: nothing to edit.
  const options = emu.section.split('\n').filter((l) => / = /.test(l) && !l.startsWith('type ')).map((l) => l.replace(' = ', '='));
  const login = join(dir, 'login.conf');
  const made = await rsyncishInteractive(['config', 'create', 'viabrowser', 'gcs', ...options], { config: login });
  assert.equal(made.code, 0, made.stderr);
  assert.match(readFileSync(login, 'utf8'), /^token = \{"access_token":/m);
  const ls = await rsyncish(['lsf', 'viabrowser:google-client/docs'], { config: login });
  assert.equal(ls.code, 0, ls.stderr);
  assert.equal(ls.stdout, 'a.txt\ndeeper/\n');
});

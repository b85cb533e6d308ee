import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { DropboxContentHash } from '@rsyncish/core';
import { startLossyProxy, type LossyProxy } from './testing/lossy-proxy.js';
import { put, readAll, startHarness, type Harness } from './testing/support.js';

const MiB = 1024 * 1024;
let h: Harness;
let proxy: LossyProxy;

before(async () => {
  h = await startHarness();
  proxy = await startLossyProxy(h.emu.url);
});
after(async () => {
  await h.stop();
  await proxy.close();
});

function dropboxHash(data: Buffer): string {
  return new DropboxContentHash().update(data).digest('hex');
}

test('an append whose reply was lost is resumed from the offset Dropbox holds, not sent twice', async () => {
  const b = await h.open({ options: { chunk_size: MiB, batch_mode: 'off', content_endpoint: proxy.url } });
  const data = randomBytes(3 * MiB + 12345);
  proxy.loseReplies('upload_session/append_v2', 1);
  const entry = await put(b, 'lost-reply/big.bin', data);
  assert.equal(proxy.lost(), 1);
  assert.ok(h.logs.some((l) => /Dropbox holds \d+ bytes; sending from there/.test(l)), 'the retry asked from the committed offset');
  assert.equal(entry.size, data.length);
  assert.equal(entry.hashes?.['dropbox'], dropboxHash(data));
  assert.ok((await readAll(await b.get('lost-reply/big.bin'))).equals(data));
});

test('appends that fail before Dropbox takes them are sent again whole', async () => {
  const b = await h.open({ options: { chunk_size: MiB, batch_mode: 'off' } });
  const data = randomBytes(2 * MiB + 7);
  h.emu.control.inject({ error: 'unavailable', route: 'append_v2', count: 2 });
  const entry = await put(b, 'append-retry/big.bin', data);
  assert.equal(entry.hashes?.['dropbox'], dropboxHash(data));
  assert.ok((await readAll(await b.get('append-retry/big.bin'))).equals(data));
});

test('a batched upload whose finish_batch reply was lost is found committed, not failed', async () => {
  const b = await h.open({ options: { batch_size: 1, api_endpoint: proxy.url } });
  const before = proxy.lost();
  // The batch call is retried and finds its session already finished: the file is there with our hash.
  proxy.loseReplies('finish_batch', 1);
  const entry = await put(b, 'lost-batch/small.txt', 'committed once\n');
  assert.equal(proxy.lost(), before + 1);
  assert.equal(entry.hashes?.['dropbox'], dropboxHash(Buffer.from('committed once\n')));
  assert.equal((await readAll(await b.get('lost-batch/small.txt'))).toString(), 'committed once\n');
});

test('batch_mode async commits through finish_batch and finish_batch/check, and each upload waits for its commit', async () => {
  const b = await h.open({ options: { batch_mode: 'async', batch_timeout: 50, api_endpoint: proxy.url } });
  const files = ['one', 'two', 'three'].map((name) => ({ path: `async/${name}.txt`, data: Buffer.from(`${name}\n`) }));
  const entries = await Promise.all(files.map((f) => put(b, f.path, f.data)));
  entries.forEach((entry, i) => assert.equal(entry.hashes?.['dropbox'], dropboxHash(files[i]!.data)));
  assert.equal(proxy.paths.filter((p) => p.endsWith('/upload_session/finish_batch')).length, 1, 'one batch of three');
  assert.ok(proxy.paths.some((p) => p.endsWith('/finish_batch/check')), 'the job was checked until complete');
  for (const f of files) assert.ok((await readAll(await b.get(f.path))).equals(f.data));
});

test('a download damaged on the way fails at its end instead of passing as the file', async () => {
  const b = await h.open({ options: { content_endpoint: proxy.url } });
  const data = randomBytes(200_000);
  await put(b, 'damaged/file.bin', data);
  proxy.damageReplies('files/download', 1);
  await assert.rejects(readAll(await b.get('damaged/file.bin')), (err: Error & { code?: string }) => err.code === 'ERR_HASH_MISMATCH');
  // The next download is whole, and a range is passed through as it comes.
  assert.ok((await readAll(await b.get('damaged/file.bin'))).equals(data));
  assert.ok((await readAll(await b.get('damaged/file.bin', { range: { start: 10, end: 20 } }))).equals(data.subarray(10, 20)));
});

test('an expired access token is refreshed once and the new token saved', async () => {
  const b = await h.open();
  await put(b, 'token/a.txt', 'a');
  const saved = h.saved.length;
  assert.ok(h.emu.control.expireAccessTokens() > 0);
  assert.equal((await b.stat('token/a.txt')).size, 1);
  assert.equal(h.saved.length, saved + 1, 'one refresh, saved to the config');
});

test('client_modified keeps the modtime to the second', async () => {
  const b = await h.open({ options: { batch_mode: 'off' } });
  const modTime = Date.parse('2021-03-04T05:06:07.800Z');
  const entry = await put(b, 'modtime/f.txt', 'x', modTime);
  // Rounded to the nearest second, as rclone writes it.
  assert.equal(entry.modTime, Date.parse('2021-03-04T05:06:08Z'));
  assert.equal((await b.stat('modtime/f.txt')).modTime, Date.parse('2021-03-04T05:06:08Z'));
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startDrive } from './harness.js';
import type { TestDrive } from './harness.js';

const KIB256 = 256 * 1024;
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const bytes = (n: number, seed = 7): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed + (i >> 8)) & 0xff));

describe('resumable uploads', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  async function open(meta: Record<string, unknown>, total?: number, path = '/upload/drive/v3/files?uploadType=resumable&fields=id,name,size,md5Checksum,version', method = 'POST'): Promise<string> {
    const headers: Record<string, string> = { 'X-Upload-Content-Type': 'application/x-test' };
    if (total !== undefined) headers['X-Upload-Content-Length'] = String(total);
    const r = await d.call(method, path, { json: meta, headers });
    assert.equal(r.status, 200, r.text);
    const location = r.headers.get('location')!;
    assert.match(location, /^http:\/\/127\.0\.0\.1:\d+\/upload\/drive\/v3\/files\?uploadType=resumable&upload_id=/);
    return location.slice(location.indexOf('/upload'));
  }
  const put = (session: string, range: string, body?: Buffer, method = 'PUT') =>
    d.call(method, session, { headers: { 'Content-Range': range }, ...(body ? { body } : {}), token: null });

  test('a chunk that is not a multiple of 256 KiB keeps only whole units; resent bytes are skipped', async () => {
    const data = bytes(3 * KIB256 + 1000);
    const s = await open({ name: 'r1.bin' }, data.length);
    let r = await put(s, `bytes 0-${300_000 - 1}/${data.length}`, data.subarray(0, 300_000));
    assert.equal(r.status, 308);
    assert.equal(r.headers.get('range'), `bytes=0-${KIB256 - 1}`);
    // The client resends from where it had got to, overlapping what the session holds.
    r = await put(s, `bytes 200000-${2 * KIB256 - 1}/${data.length}`, data.subarray(200_000, 2 * KIB256));
    assert.equal(r.headers.get('range'), `bytes=0-${2 * KIB256 - 1}`);
    // A chunk starting past the session's end is not taken.
    r = await put(s, `bytes ${3 * KIB256}-${data.length - 1}/${data.length}`, data.subarray(3 * KIB256));
    assert.equal(r.status, 308);
    assert.equal(r.headers.get('range'), `bytes=0-${2 * KIB256 - 1}`);
    r = await put(s, `bytes */${data.length}`);
    assert.equal(r.headers.get('range'), `bytes=0-${2 * KIB256 - 1}`);
    // rclone POSTs its chunks; the final one completes the upload.
    r = await put(s, `bytes ${2 * KIB256}-${data.length - 1}/${data.length}`, data.subarray(2 * KIB256), 'POST');
    assert.equal(r.status, 200, r.text);
    const file = r.json();
    assert.deepEqual({ name: file.name, size: file.size, md5: file.md5Checksum }, { name: 'r1.bin', size: String(data.length), md5: md5(data) });
    // Asking again after the end answers the file again.
    r = await put(s, `bytes */${data.length}`);
    assert.equal(r.status, 200);
    assert.equal(r.json().id, file.id);
    const got = await d.call('GET', `/drive/v3/files/${file.id}?alt=media`);
    assert.equal(md5(got.body), md5(data));
    assert.equal(d.emu.control.openUploads(), 0);
  });

  test('the total can stay unknown until the last chunk', async () => {
    const data = bytes(KIB256 + 5);
    const s = await open({ name: 'r2.bin' });
    let r = await put(s, `bytes 0-${KIB256 - 1}/*`, data.subarray(0, KIB256));
    assert.equal(r.status, 308);
    r = await put(s, `bytes ${KIB256}-${data.length - 1}/${data.length}`, data.subarray(KIB256));
    assert.equal(r.status, 200);
    assert.equal(r.json().md5Checksum, md5(data));
  });

  test('a chunk cut short keeps whole units of its first half and answers 503', async () => {
    const data = bytes(4 * KIB256 + 9);
    const s = await open({ name: 'r3.bin' }, data.length);
    d.emu.control.setFaults({ partialChunkRate: 1 });
    let r = await put(s, `bytes 0-${4 * KIB256 - 1}/${data.length}`, data.subarray(0, 4 * KIB256));
    d.emu.control.resetFaults();
    assert.equal(r.status, 503);
    assert.equal(r.json().error.code, 503);
    r = await put(s, `bytes */${data.length}`);
    assert.equal(r.headers.get('range'), `bytes=0-${2 * KIB256 - 1}`);
    r = await put(s, `bytes ${2 * KIB256}-${data.length - 1}/${data.length}`, data.subarray(2 * KIB256));
    assert.equal(r.status, 200);
    assert.equal(r.json().md5Checksum, md5(data));
  });

  test('a resumable files.update replaces the content and bumps the version', async () => {
    const id = await d.upload('u.bin', 'old');
    const data = bytes(1000);
    const s = await open({}, data.length, `/upload/drive/v3/files/${id}?uploadType=resumable&fields=id,size,md5Checksum,version`, 'PATCH');
    const r = await put(s, `bytes 0-999/1000`, data);
    assert.equal(r.status, 200);
    assert.equal(r.json().id, id);
    assert.equal(r.json().md5Checksum, md5(data));
    assert.ok(Number(r.json().version) > 1);
  });

  test('unknown sessions are 404; totals that change and bad ranges are 400; too large is 413', async () => {
    assert.equal((await put('/upload/drive/v3/files?uploadType=resumable&upload_id=nope', 'bytes */10')).status, 404);
    const s = await open({ name: 'r4.bin' }, 10);
    assert.equal((await put(s, 'bytes 0-4/11', bytes(5))).status, 400);
    assert.equal((await put(s, 'bytes 0-4', bytes(5))).status, 400);
    d.emu.control.setFaults({ maxFileSize: 100 });
    const r = await d.call('POST', '/upload/drive/v3/files?uploadType=resumable', { json: { name: 'big' }, headers: { 'X-Upload-Content-Length': '101' } });
    d.emu.control.resetFaults();
    assert.equal(r.status, 413);
    assert.equal(r.json().error.errors[0].reason, 'uploadTooLarge');
  });

  test('opening a session needs a token; its chunks do not', async () => {
    const r = await d.call('POST', '/upload/drive/v3/files?uploadType=resumable', { json: {}, token: null });
    assert.equal(r.status, 401);
    assert.equal(r.json().error.errors[0].reason, 'authError');
  });
});

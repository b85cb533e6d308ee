import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chunksOf, multipart, request, startDrive, uploadBody } from './harness.js';
import type { TestDrive } from './harness.js';

const md5 = (b: Buffer | string): string => createHash('md5').update(b).digest('hex');

describe('upload, overwrite and download', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  test('chunked multipart upload (60-hex boundary, no Content-Length) returns 201 and a FILE node', async () => {
    const data = randomBytes(100_000);
    const r = await d.upload('photo.JPG', data, { chunkSize: 4093 });
    assert.equal(r.status, 201);
    const n = r.json();
    assert.equal(n.kind, 'FILE');
    assert.equal(n.name, 'photo.JPG');
    assert.deepEqual(n.parents, [d.rootId]);
    assert.deepEqual(
      { ...n.contentProperties, contentDate: undefined },
      { size: 100_000, md5: md5(data), version: 1, contentType: 'image/jpeg', extension: 'jpg', contentDate: undefined },
    );
    assert.match(n.contentProperties.contentDate, /\.\d{3}Z$/);
    const got = await d.download(n.id);
    assert.equal(got.status, 200);
    assert.ok(got.body.equals(data));
    assert.equal(got.headers['content-length'], '100000');
  });

  test('an empty upload is accepted with the empty md5', async () => {
    const r = await d.upload('empty.bin', Buffer.alloc(0));
    assert.equal(r.status, 201);
    assert.equal(r.json().contentProperties.md5, 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(r.json().contentProperties.size, 0);
    const got = await d.download(r.json().id);
    assert.equal(got.status, 200);
    assert.equal(got.body.length, 0);
  });

  test('the metadata name counts, the content part filename is ignored', async () => {
    const { contentType, body } = uploadBody({ name: 'real.txt', kind: 'FILE', parents: [d.rootId] }, 'abc', 'ignored "name".bin');
    const r = await request(`${d.content}nodes?suppress=deduplication`, { method: 'POST', token: d.token, headers: { 'Content-Type': contentType }, body });
    assert.equal(r.status, 201);
    assert.equal(r.json().name, 'real.txt');
  });

  test('without suppress=deduplication, non-empty content already in the drive is 409; with it, allowed', async () => {
    const data = `dup-${Date.now()}`;
    assert.equal((await d.upload('d1', data, { suppress: false })).status, 201);
    const dup = await d.upload('d2', data, { suppress: false });
    assert.equal(dup.status, 409);
    assert.equal(dup.json().message, 'Attempted to upload a duplicate File');
    assert.equal((await d.upload('d3', data, { suppress: true })).status, 201);
    assert.equal((await d.upload('e1', '', { suppress: false })).status, 201);
    assert.equal((await d.upload('e2', '', { suppress: false })).status, 201, 'empty files are never duplicates');
    // A refused upload leaves nothing behind.
    assert.equal((await d.api('GET', 'nodes?filters=name:d2')).json().count, 0);
  });

  test('overwrite with only a content part: 200, new md5, content version and node version go up', async () => {
    const n = (await d.upload('over.txt', 'old')).json();
    await sleep(5);
    const { contentType, body } = multipart([
      { headers: ['Content-Disposition: form-data; name="content"; filename="over.txt"', 'Content-Type: application/octet-stream'], data: 'new content' },
    ]);
    const r = await request(`${d.content}nodes/${n.id}/content`, { method: 'PUT', token: d.token, headers: { 'Content-Type': contentType }, body: chunksOf(body, 5) });
    assert.equal(r.status, 200);
    const m = r.json();
    assert.equal(m.id, n.id);
    assert.equal(m.contentProperties.md5, md5('new content'));
    assert.equal(m.contentProperties.size, 11);
    assert.equal(m.contentProperties.version, 2);
    assert.equal(m.version, n.version + 1);
    assert.ok(m.modifiedDate > n.modifiedDate);
    assert.equal((await d.download(n.id)).text, 'new content');
    const folder = await d.mkdir('not-a-file');
    assert.equal((await request(`${d.content}nodes/${folder}/content`, { method: 'PUT', token: d.token, headers: { 'Content-Type': contentType }, body })).status, 400);
    assert.equal((await request(`${d.content}nodes/AAAAAAAAAAAAAAAAAAAAAA/content`, { method: 'PUT', token: d.token, headers: { 'Content-Type': contentType }, body })).status, 404);
  });

  test('Range gives 206 with Content-Range; past the end is 416; never gzip', async () => {
    const n = (await d.upload('range.txt', '0123456789')).json();
    const r = await d.download(n.id, { Range: 'bytes=6-10', 'Accept-Encoding': 'gzip' });
    assert.equal(r.status, 206);
    assert.equal(r.text, '6789');
    assert.equal(r.headers['content-range'], 'bytes 6-9/10');
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal((await d.download(n.id, { Range: 'bytes=-3' })).text, '789');
    assert.equal((await d.download(n.id, { Range: 'bytes=2-' })).text, '23456789');
    const past = await d.download(n.id, { Range: 'bytes=10-' });
    assert.equal(past.status, 416);
    assert.equal(past.headers['content-range'], 'bytes */10');
    const head = await request(`${d.content}nodes/${n.id}/content`, { method: 'HEAD', token: d.token });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '10');
  });

  test('tempLink: a URL on this server, no token, Range honoured, 410 once expired', async () => {
    const n = (await d.upload('tl.txt', 'temp link body')).json();
    const withLink = (await d.api('GET', `nodes/${n.id}?tempLink=true`)).json();
    assert.match(withLink.tempLink, new RegExp(`^${d.emu.url}/cdproxy/templink/[A-Za-z0-9_-]+$`));
    assert.equal((await d.api('GET', `nodes/${n.id}`)).json().tempLink, undefined);
    const got = await request(withLink.tempLink);
    assert.equal(got.status, 200);
    assert.equal(got.text, 'temp link body');
    assert.equal((await request(withLink.tempLink, { headers: { Range: 'bytes=5-8' } })).text, 'link');
    const again = (await d.api('GET', `nodes/${n.id}?tempLink=true`)).json();
    assert.equal(again.tempLink, withLink.tempLink, 'asking again early returns the same link');
    d.emu.control.expireTempLinks();
    assert.equal((await request(withLink.tempLink)).status, 410);
    const listed = (await d.api('GET', `nodes?filters=name:tl.txt&tempLink=true`)).json();
    assert.notEqual(listed.data[0].tempLink, withLink.tempLink);
    assert.equal((await request(listed.data[0].tempLink)).text, 'temp link body');
  });

  test('tempLink lifetime is configurable', async () => {
    d.emu.control.setFaults({ tempLinkTtl: '200ms' });
    const n = (await d.upload('short.txt', 'short')).json();
    const link = (await d.api('GET', `nodes/${n.id}?tempLink=true`)).json().tempLink;
    assert.equal((await request(link)).status, 200);
    await sleep(250);
    assert.equal((await request(link)).status, 410);
    d.emu.control.resetFaults();
  });
});

describe('bad uploads never crash the server nor store anything', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  const post = (body: Buffer | Buffer[], contentType: string) =>
    request(`${d.content}nodes?suppress=deduplication`, { method: 'POST', token: d.token, headers: { 'Content-Type': contentType }, body });

  test('malformed multipart, missing metadata, bad metadata JSON, name with / are 400 with JSON bodies', async () => {
    const ok = uploadBody({ name: 'x', kind: 'FILE', parents: [d.rootId] }, 'x');
    const cases: Array<[string, Buffer, string]> = [
      ['not multipart', ok.body, 'application/json'],
      ['truncated', ok.body.subarray(0, ok.body.length - 20), ok.contentType],
      ['garbage', Buffer.from('hello world'), ok.contentType],
      ['content first', multipart([{ headers: ['Content-Disposition: form-data; name="content"; filename="a"'], data: 'x' }]).body, ''],
      ['bad metadata', multipart([
        { headers: ['Content-Disposition: form-data; name="metadata"'], data: '{oops' },
        { headers: ['Content-Disposition: form-data; name="content"; filename="a"'], data: 'x' },
      ]).body, ''],
      ['slash', uploadBody({ name: 'a/b', kind: 'FILE', parents: [d.rootId] }, 'x').body, ''],
      ['no content part', multipart([{ headers: ['Content-Disposition: form-data; name="metadata"'], data: `{"name":"nc","parents":["${d.rootId}"]}` }]).body, ''],
    ];
    for (const [what, body, ct] of cases) {
      const contentType = ct || `multipart/form-data; boundary=${/--([0-9a-f]+)\r\n/.exec(body.toString('latin1'))![1]}`;
      const r = await post(chunksOf(body, 11), contentType);
      assert.equal(r.status, 400, what);
      assert.equal(typeof r.json().message, 'string', what);
    }
    const unknownParent = uploadBody({ name: 'x', kind: 'FILE', parents: ['nope'] }, 'x');
    assert.equal((await post(unknownParent.body, unknownParent.contentType)).status, 404);
    const nodes = d.emu.control.nodes();
    assert.equal(nodes.length, 1, 'only the root exists');
  });

  test('oversized headers get 431 with a JSON body', async () => {
    const r = await request(`${d.meta}nodes`, { token: d.token, headers: { 'X-Big': 'x'.repeat(20_000) } });
    assert.equal(r.status, 431);
    assert.equal(r.json().code, 'HEADERS_TOO_LARGE');
    assert.equal((await d.api('GET', 'account/info')).status, 200);
  });

  test('an upload cut off mid-body leaves a PENDING node, and a later upload gets a new id', async () => {
    const { contentType, body } = uploadBody({ name: 'cut.bin', kind: 'FILE', parents: [d.rootId] }, randomBytes(50_000));
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${d.content}nodes?suppress=deduplication`, {
        method: 'POST', agent: false, headers: { Authorization: `Bearer ${d.token}`, 'Content-Type': contentType },
      });
      req.on('error', () => resolve());
      req.write(body.subarray(0, 20_000), () => setTimeout(() => { req.destroy(); resolve(); }, 50));
    });
    await sleep(100);
    const pending = d.emu.control.nodes('PENDING');
    assert.equal(pending.length, 1);
    assert.equal(pending[0]!.name, 'cut.bin');
    assert.equal(pending[0]!['contentProperties'], undefined);
    const again = await d.upload('cut.bin', 'complete');
    assert.equal(again.status, 201, 'a PENDING node does not clash');
    assert.notEqual(again.json().id, pending[0]!.id);
    assert.equal((await d.api('GET', 'account/info')).status, 200);
  });

  test('--max-file-size: larger uploads are refused with 403 and not stored', async () => {
    d.emu.control.setFaults({ maxFileSize: '1k' });
    const r = await d.upload('big.bin', randomBytes(2048), { chunkSize: 300 });
    assert.equal(r.status, 403);
    assert.equal(r.json().code, 'FILE_SIZE_LIMIT_EXCEEDED');
    assert.equal((await d.api('GET', 'nodes?filters=name:big.bin')).json().count, 0);
    assert.equal((await d.upload('fits.bin', randomBytes(1024))).status, 201);
    d.emu.control.resetFaults();
  });
});

describe('download wall', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive({ faults: { downloadWall: '100' } }); });
  after(() => d.stop());

  test('redirect mode: files at or above the wall redirect to a presigned URL that refuses Authorization', async () => {
    const data = randomBytes(100);
    const n = (await d.upload('wall.bin', data)).json();
    const r = await d.download(n.id);
    assert.equal(r.status, 307);
    const loc = r.headers.location!;
    assert.match(loc, /X-Amz-Algorithm=AWS4-HMAC-SHA256/);
    const withAuth = await request(loc, { token: d.token });
    assert.equal(withAuth.status, 400);
    assert.match(withAuth.json().Message, /Only one auth mechanism allowed/);
    const plain = await request(loc, { headers: { Range: 'bytes=0-9' } });
    assert.equal(plain.status, 206);
    assert.ok(plain.body.equals(data.subarray(0, 10)));
    const link = (await d.api('GET', `nodes/${n.id}?tempLink=true`)).json().tempLink;
    assert.ok((await request(link)).body.equals(data), 'tempLinks pass the wall');
    const small = (await d.upload('small.bin', randomBytes(99))).json();
    assert.equal((await d.download(small.id)).status, 200);
  });

  test('forbid mode: 403 and only the tempLink works', async () => {
    d.emu.control.setFaults({ downloadWallMode: 'forbid' });
    const n = (await d.upload('wall2.bin', randomBytes(150))).json();
    const r = await d.download(n.id);
    assert.equal(r.status, 403);
    assert.equal(r.json().code, 'DOWNLOAD_LIMIT_EXCEEDED');
    const link = (await d.api('GET', `nodes/${n.id}?tempLink=true`)).json().tempLink;
    assert.equal((await request(link)).body.length, 150);
  });
});

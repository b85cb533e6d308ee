import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDrive } from './harness.js';
import type { TestDrive } from './harness.js';

const FOLDER = 'application/vnd.google-apps.folder';

describe('files resource', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());
  const q = (query: string, extra = '') => d.call('GET', `/drive/v3/files?q=${encodeURIComponent(query)}&fields=nextPageToken,files(id,name)${extra}`);

  test('default fields are kind,id,name,mimeType; size is a string; times carry milliseconds', async () => {
    const id = await d.upload('a.txt', 'abc');
    assert.deepEqual(Object.keys((await d.call('GET', `/drive/v3/files/${id}`)).json()).sort(), ['id', 'kind', 'mimeType', 'name']);
    const full = (await d.call('GET', `/drive/v3/files/${id}?fields=*`)).json();
    assert.equal(full.size, '3');
    assert.match(full.modifiedTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(full.md5Checksum, '900150983cd24fb0d6963f7d28e17f72');
    const folder = (await d.call('GET', `/drive/v3/files/${await d.mkdir('f')}?fields=*`)).json();
    assert.equal(folder.size, undefined);
    assert.equal(folder.md5Checksum, undefined);
  });

  test('duplicate names live side by side; rename and modifiedTime through update', async () => {
    const dir = await d.mkdir('dups');
    const one = await d.upload('same', '1', dir);
    const two = await d.upload('same', '2', dir);
    assert.deepEqual((await q(`'${dir}' in parents and name = 'same'`)).json().files.map((f: { id: string }) => f.id), [one, two]);
    const r = await d.call('PATCH', `/drive/v3/files/${two}?fields=name,modifiedTime`, { json: { name: 'other', modifiedTime: '2020-01-02T03:04:05.678Z' } });
    assert.deepEqual(r.json(), { name: 'other', modifiedTime: '2020-01-02T03:04:05.678Z' });
  });

  test('paging: tokens resume where they stopped, and belong to their query', async () => {
    const dir = await d.mkdir('paged');
    for (let i = 0; i < 5; i++) await d.upload(`f${i}`, 'x', dir);
    const page1 = (await q(`'${dir}' in parents`, '&pageSize=3')).json();
    assert.equal(page1.files.length, 3);
    const page2 = (await q(`'${dir}' in parents`, `&pageSize=3&pageToken=${page1.nextPageToken}`)).json();
    assert.deepEqual(page2.files.map((f: { name: string }) => f.name), ['f3', 'f4']);
    assert.equal(page2.nextPageToken, undefined);
    const foreign = await q(`'root' in parents`, `&pageToken=${page1.nextPageToken}`);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.json().error.errors[0].location, 'pageToken');
    for (const size of ['0', '1001', 'x']) assert.equal((await q('trashed = false', `&pageSize=${size}`)).status, 400, size);
  });

  test('moves: one parent only, no cycles, parents not writable in the body', async () => {
    const a = await d.mkdir('ma');
    const b = await d.mkdir('mb', a);
    let r = await d.call('PATCH', `/drive/v3/files/${a}?addParents=${b}&removeParents=root`, { json: {} });
    assert.equal(r.status, 400, 'a folder cannot go under its own child');
    r = await d.call('PATCH', `/drive/v3/files/${b}?addParents=root`, { json: {} });
    assert.deepEqual([r.status, r.json().error.errors[0].reason], [403, 'cannotAddParent']);
    r = await d.call('PATCH', `/drive/v3/files/${b}`, { json: { parents: ['root'] } });
    assert.deepEqual([r.status, r.json().error.errors[0].reason], [403, 'fieldNotWritable']);
    r = await d.call('PATCH', `/drive/v3/files/${b}?addParents=root&removeParents=${a}&fields=parents`, { json: {} });
    assert.deepEqual(r.json().parents, [d.rootId]);
  });

  test('trash follows folders; untrash brings back only what went with the folder', async () => {
    const dir = await d.mkdir('t');
    const inside = await d.upload('in', 'x', dir);
    const alone = await d.upload('alone', 'y', dir);
    await d.call('PATCH', `/drive/v3/files/${alone}`, { json: { trashed: true } });
    await d.call('PATCH', `/drive/v3/files/${dir}`, { json: { trashed: true } });
    const state = async (id: string) => (await d.call('GET', `/drive/v3/files/${id}?fields=trashed,explicitlyTrashed`)).json();
    assert.deepEqual(await state(inside), { trashed: true, explicitlyTrashed: false });
    await d.call('PATCH', `/drive/v3/files/${dir}`, { json: { trashed: false } });
    assert.deepEqual(await state(inside), { trashed: false, explicitlyTrashed: false });
    assert.deepEqual(await state(alone), { trashed: true, explicitlyTrashed: true });
    assert.equal((await d.call('DELETE', '/drive/v3/files/trash')).status, 204);
    assert.equal((await d.call('GET', `/drive/v3/files/${alone}`)).status, 404);
    assert.equal((await d.call('GET', `/drive/v3/files/${inside}`)).status, 200);
  });

  test('delete takes a folder with everything under it; the root cannot go', async () => {
    const dir = await d.mkdir('del');
    const sub = await d.mkdir('sub', dir);
    const leaf = await d.upload('leaf', 'z', sub);
    assert.equal((await d.call('DELETE', `/drive/v3/files/${dir}`)).status, 204);
    for (const id of [dir, sub, leaf]) assert.equal((await d.call('GET', `/drive/v3/files/${id}`)).status, 404);
    assert.equal((await d.call('DELETE', '/drive/v3/files/root')).status, 403);
  });

  test('copy keeps bytes independent of the source; folders cannot be copied', async () => {
    const src = await d.upload('src', 'copy me');
    const r = await d.call('POST', `/drive/v3/files/${src}/copy?fields=id,name,md5Checksum`, { json: { name: 'dst' } });
    assert.equal(r.json().name, 'dst');
    await d.call('DELETE', `/drive/v3/files/${src}`);
    assert.equal((await d.call('GET', `/drive/v3/files/${r.json().id}?alt=media`)).text, 'copy me');
    const folderCopy = await d.call('POST', `/drive/v3/files/${await d.mkdir('nocopy')}/copy`, { json: {} });
    assert.deepEqual([folderCopy.status, folderCopy.json().error.errors[0].reason], [403, 'cannotCopyFile']);
  });

  test('ranges: 206 with Content-Range, 416 past the end', async () => {
    const id = await d.upload('r', '0123456789');
    const r = await d.call('GET', `/drive/v3/files/${id}?alt=media`, { headers: { Range: 'bytes=2-4' } });
    assert.deepEqual([r.status, r.text, r.headers.get('content-range')], [206, '234', 'bytes 2-4/10']);
    const past = await d.call('GET', `/drive/v3/files/${id}?alt=media`, { headers: { Range: 'bytes=10-' } });
    assert.equal(past.status, 416);
  });

  test('Google Docs: export in their formats only, no media, not exportable when binary', async () => {
    const doc = await d.emu.control.plantFile({ name: 'Sheet', mimeType: 'application/vnd.google-apps.spreadsheet', exports: { 'text/csv': 'a,b\n' } });
    const csv = await d.call('GET', `/drive/v3/files/${doc['id']}/export?mimeType=text/csv`);
    assert.deepEqual([csv.status, csv.text, csv.headers.get('content-type')], [200, 'a,b\n', 'text/csv']);
    assert.equal((await d.call('GET', `/drive/v3/files/${doc['id']}/export?mimeType=application/pdf`)).status, 400);
    const bin = await d.upload('bin', 'b');
    assert.equal((await d.call('GET', `/drive/v3/files/${bin}/export?mimeType=text/plain`)).json().error.errors[0].reason, 'fileNotExportable');
    const listed = (await q(`mimeType = 'application/vnd.google-apps.spreadsheet'`, '')).json().files;
    assert.deepEqual(listed.map((f: { name: string }) => f.name), ['Sheet']);
  });

  test('quota: about.get needs fields; an upload past the quota is 403 storageQuotaExceeded', async () => {
    assert.equal((await d.call('GET', '/drive/v3/about')).json().error.errors[0].reason, 'required');
    const used = Number((await d.call('GET', '/drive/v3/about?fields=storageQuota')).json().storageQuota.usage);
    d.emu.control.setFaults({ quota: used + 5 });
    const r = await d.call('POST', '/upload/drive/v3/files?uploadType=media', { body: '123456' });
    d.emu.control.resetFaults();
    assert.deepEqual([r.status, r.json().error.errors[0].reason], [403, 'storageQuotaExceeded']);
  });

  test('metadata-only files and folders via POST /drive/v3/files', async () => {
    const r = await d.call('POST', '/drive/v3/files?fields=name,mimeType,size,parents', { json: { name: 'empty' } });
    assert.deepEqual(r.json(), { name: 'empty', mimeType: 'application/octet-stream', size: '0', parents: [d.rootId] });
    const bad = await d.call('POST', '/drive/v3/files', { json: { name: 'x', parents: ['nope'] } });
    assert.equal(bad.status, 404);
    const folder = await d.call('POST', '/drive/v3/files?fields=mimeType', { json: { name: 'dir', mimeType: FOLDER } });
    assert.equal(folder.json().mimeType, FOLDER);
  });

  test('media uploads: the Content-Type names a new file; new content keeps the mimeType', async () => {
    const created = (await d.call('POST', '/upload/drive/v3/files?uploadType=media&fields=id,name,mimeType', { body: 'a', headers: { 'Content-Type': 'text/csv' } })).json();
    assert.deepEqual([created.name, created.mimeType], ['Untitled', 'text/csv']);
    const updated = await d.call('PATCH', `/upload/drive/v3/files/${created.id}?uploadType=media&fields=mimeType,size`, { body: 'abc', headers: { 'Content-Type': 'image/png' } });
    assert.deepEqual(updated.json(), { mimeType: 'text/csv', size: '3' });
  });
});

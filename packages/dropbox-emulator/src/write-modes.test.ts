// Upload modes, autorename, id: paths and content_hash checks, over real sockets.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contentHash } from './content-hash.js';
import { startEmulator } from './server.js';
import type { Emulator } from './server.js';

type Json = Record<string, any>;
let emu: Emulator;
let token: string;
before(async () => {
  emu = await startEmulator();
  token = emu.control.issueToken().access_token;
});
after(() => emu.stop());

async function upload(arg: Json, data: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/2/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': JSON.stringify(arg) },
    body: data,
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function rpc(route: string, args: Json): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${emu.url}/2/${route}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as Json };
}

test('add: the same content answers with the file unchanged; different content is a conflict, or renamed', async () => {
  const first = await upload({ path: '/m/a.txt', mode: 'add' }, 'one');
  const same = await upload({ path: '/M/A.txt', mode: 'add' }, 'one');
  assert.equal(same.status, 200);
  assert.equal(same.body['rev'], first.body['rev']);
  const clash = await upload({ path: '/m/a.txt', mode: 'add' }, 'two');
  assert.equal(clash.status, 409);
  assert.deepEqual(clash.body['error'], { '.tag': 'path', reason: { '.tag': 'conflict', conflict: { '.tag': 'file' } }, upload_session_id: '' });
  const renamed = await upload({ path: '/m/a.txt', mode: 'add', autorename: true }, 'two');
  assert.equal(renamed.body['path_display'], '/m/a (1).txt');
});

test('update replaces only at the given rev; overwrite always does', async () => {
  const first = await upload({ path: '/u.txt' }, 'v1');
  const stale = await upload({ path: '/u.txt', mode: { '.tag': 'update', update: 'deadbeef0' } }, 'v2');
  assert.equal(stale.status, 409);
  const updated = await upload({ path: '/u.txt', mode: { '.tag': 'update', update: first.body['rev'] } }, 'v2');
  assert.equal(updated.status, 200);
  assert.notEqual(updated.body['rev'], first.body['rev']);
  assert.equal(updated.body['id'], first.body['id']);
  const over = await upload({ path: '/u.txt', mode: 'overwrite', client_modified: '2000-01-02T03:04:05Z' }, 'v3');
  assert.equal(over.body['client_modified'], '2000-01-02T03:04:05Z');
});

test('a wrong content_hash argument refuses the upload; a bad client_modified is a 400', async () => {
  const wrong = await upload({ path: '/h.txt', content_hash: contentHash(Buffer.from('other')) }, 'this');
  assert.equal(wrong.status, 409);
  assert.equal(wrong.body['error']['.tag'], 'content_hash_mismatch');
  const right = await upload({ path: '/h.txt', content_hash: contentHash(Buffer.from('this')) }, 'this');
  assert.equal(right.status, 200);
  const res = await fetch(`${emu.url}/2/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Dropbox-API-Arg': '{"path":"/t.txt","client_modified":"2000-01-02 03:04:05"}' },
    body: 'x',
  });
  assert.equal(res.status, 400);
});

test('id: paths follow an entry through a move; a file where a folder is needed is file_ancestor', async () => {
  const made = await upload({ path: '/idtest/x.txt' }, 'x');
  await rpc('files/move_v2', { from_path: '/idtest', to_path: '/moved' });
  const byId = await rpc('files/get_metadata', { path: made.body['id'] });
  assert.equal(byId.body['path_display'], '/moved/x.txt');
  const under = await upload({ path: '/moved/x.txt/y.txt' }, 'y');
  assert.equal(under.status, 409);
  assert.match(under.body['error_summary'], /^path\/conflict\/file_ancestor\//);
  const into = await rpc('files/move_v2', { from_path: '/moved', to_path: '/moved/inner' });
  assert.match(into.body['error_summary'], /^cant_move_folder_into_itself\//);
});

test('get_latest_cursor reports only what changes after it', async () => {
  await upload({ path: '/watch/old.txt' }, 'old');
  const { body } = await rpc('files/list_folder/get_latest_cursor', { path: '/watch' });
  await upload({ path: '/watch/new.txt' }, 'new');
  const changes = await rpc('files/list_folder/continue', { cursor: body['cursor'] });
  assert.deepEqual(changes.body['entries'].map((e: Json) => e['name']), ['new.txt']);
  await rpc('files/delete_v2', { path: '/watch' });
  const gone = await rpc('files/list_folder/continue', { cursor: changes.body['cursor'] });
  assert.match(gone.body['error_summary'], /^reset\//);
});

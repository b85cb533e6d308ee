import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request, startDrive } from './harness.js';
import { startEmulator } from './server.js';

describe('persistence with a data dir', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'acd-emu-test-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  test('nodes, content, trash and tokens survive a restart', async () => {
    const d = await startDrive({ dataDir: dir });
    const folder = await d.mkdir('kept');
    const file = (await d.upload('kept.txt', 'persisted bytes', { parentId: folder })).json();
    const over = (await d.upload('over.txt', 'v1')).json();
    const { contentType, body } = (await import('./harness.js')).uploadBody({}, 'v2 content');
    await request(`${d.content}nodes/${over.id}/content`, { method: 'PUT', token: d.token, headers: { 'Content-Type': contentType }, body });
    const trashed = await d.mkdir('trashed');
    await d.api('PUT', `trash/${trashed}`);
    const refresh = d.emu.control.issueToken().refresh_token;
    const { token, rootId } = d;
    await d.stop();

    const saved = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    assert.equal(saved.format, 1);
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
    assert.equal((await readdir(join(dir, 'blobs'))).length, 2, 'the replaced blob was deleted after the save');

    const emu = await startEmulator({ port: 0, dataDir: dir });
    try {
      const api = (path: string) => request(`${emu.url}/drive/v1/${path}`, { token });
      assert.equal((await api(`nodes/${rootId}`)).json().isRoot, true, 'same root, same access token');
      const listed = (await api(`nodes?filters=parents:${folder}`)).json();
      assert.equal(listed.data[0].id, file.id);
      assert.equal(listed.data[0].contentProperties.md5, file.contentProperties.md5);
      assert.equal((await request(`${emu.url}/cdproxy/nodes/${file.id}/content`, { token })).text, 'persisted bytes');
      assert.equal((await request(`${emu.url}/cdproxy/nodes/${over.id}/content`, { token })).text, 'v2 content');
      assert.equal((await api(`nodes/${trashed}`)).json().status, 'TRASH');
      const r = await request(`${emu.url}/auth/o2/token`, { method: 'POST', body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(refresh)}` });
      assert.equal(r.status, 200);
    } finally {
      await emu.stop();
    }
  });

  test('an acknowledged change is on disk before its reply, whatever the save delay', async () => {
    const own = await mkdtemp(join(tmpdir(), 'acd-emu-ack-'));
    // A save delay of an hour: only the replies' own commits can have written anything.
    const d = await startDrive({ dataDir: own, saveDebounceMs: 3_600_000 });
    const crashed = `${own}-as-left`;
    let trashedId = '';
    try {
      const folder = await d.mkdir('acked');
      await d.upload('acked.txt', 'acknowledged bytes', { parentId: folder });
      const trashed = (await d.upload('trashed.txt', 'to the trash', { parentId: folder })).json();
      await d.api('PUT', `trash/${trashed.id}`);
      trashedId = trashed.id;
      // The files as a crash would leave them now: nothing more is written after this copy.
      await cp(own, crashed, { recursive: true });
    } finally {
      await d.stop();
    }
    const emu = await startEmulator({ port: 0, dataDir: crashed });
    try {
      const token = emu.control.issueToken().access_token;
      const api = async (path: string) => (await request(`${emu.url}/drive/v1/${path}`, { token })).json();
      const [folder] = (await api('nodes?filters=name:acked')).data;
      assert.equal(folder?.kind, 'FOLDER', 'mkdir answered before it was saved');
      const children = (await api(`nodes?filters=parents:${folder.id}`)).data;
      const kept = children.find((n: { name: string }) => n.name === 'acked.txt');
      assert.ok(kept, 'upload answered before it was saved');
      assert.equal((await request(`${emu.url}/cdproxy/nodes/${kept.id}/content`, { token })).text, 'acknowledged bytes');
      assert.equal(emu.control.nodes().find((n) => n.id === trashedId)?.status, 'TRASH', 'trash answered before it was saved');
    } finally {
      await emu.stop();
      await rm(own, { recursive: true, force: true });
      await rm(crashed, { recursive: true, force: true });
    }
  });

  test('a journal line torn by a crash is dropped; the lines before it replay, and later lines stay apart', async () => {
    const own = await mkdtemp(join(tmpdir(), 'acd-emu-torn-'));
    try {
      const d = await startDrive({ dataDir: own, saveDebounceMs: 3_600_000 });
      const folder = await d.mkdir('whole');
      await cp(own, `${own}-copy`, { recursive: true });
      await d.stop();
      await appendFile(join(`${own}-copy`, 'journal.jsonl'), '{"metadata":{"nodes":[{"id":"torn');
      const emu = await startEmulator({ port: 0, dataDir: `${own}-copy`, saveDebounceMs: 3_600_000 });
      let later = '';
      try {
        assert.equal(emu.control.nodes().find((n) => n.id === folder)?.name, 'whole');
        // A change acknowledged after the restart is journalled on a line of its own.
        const token = emu.control.issueToken().access_token;
        const rootId = emu.control.nodes().find((n) => n.isRoot)!.id;
        const made = await request(`${emu.url}/drive/v1/nodes`, { method: 'POST', token, body: JSON.stringify({ name: 'later', kind: 'FOLDER', parents: [rootId] }) });
        later = made.json().id;
        await cp(`${own}-copy`, `${own}-again`, { recursive: true });
      } finally {
        await emu.stop();
      }
      const again = await startEmulator({ port: 0, dataDir: `${own}-again` });
      try {
        assert.equal(again.control.nodes().find((n) => n.id === later)?.name, 'later');
      } finally {
        await again.stop();
      }
    } finally {
      await rm(own, { recursive: true, force: true });
      await rm(`${own}-copy`, { recursive: true, force: true });
      await rm(`${own}-again`, { recursive: true, force: true });
    }
  });

  test('orphan blobs left by a crash are swept at start-up; stop() keeps a --data dir', async () => {
    await writeFile(join(dir, 'blobs', 'ffffffffffffffffffffffff'), 'orphan');
    await writeFile(join(dir, 'tmp', 'partial'), 'half an upload');
    const emu = await startEmulator({ port: 0, dataDir: dir });
    await emu.stop();
    assert.equal((await readdir(join(dir, 'blobs'))).includes('ffffffffffffffffffffffff'), false);
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
    assert.ok((await readdir(dir)).includes('metadata.json'));
  });

  test('without a data dir, a temp dir is used and removed on stop', async () => {
    const emu = await startEmulator({ port: 0 });
    const tmp = emu.dataDir;
    assert.ok((await readdir(tmp)).includes('blobs'));
    await emu.stop();
    await assert.rejects(readdir(tmp), { code: 'ENOENT' });
  });
});

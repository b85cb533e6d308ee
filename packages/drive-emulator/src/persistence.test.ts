import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request, startDrive } from './harness.js';
import { startEmulator } from './server.js';

describe('persistence with a data dir', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'drive-emu-test-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  test('files, content, trash, docs and tokens survive a restart; deleted blobs go', async () => {
    const d = await startDrive({ dataDir: dir });
    const folder = await d.mkdir('kept');
    const file = await d.upload('kept.txt', 'persisted bytes', folder);
    const over = await d.upload('over.txt', 'v1');
    const r = await d.call('PATCH', `/upload/drive/v3/files/${over}?uploadType=media`, { body: 'v2 content' });
    assert.equal(r.status, 200);
    const trashed = await d.upload('trashed.txt', 'to the trash');
    await d.call('PATCH', `/drive/v3/files/${trashed}`, { json: { trashed: true } });
    const gone = await d.upload('gone.txt', 'deleted');
    assert.equal((await d.call('DELETE', `/drive/v3/files/${gone}`)).status, 204);
    const doc = await d.emu.control.plantFile({ name: 'Doc', mimeType: 'application/vnd.google-apps.document', content: 'exported' });
    const refresh = d.emu.control.issueToken().refresh_token;
    const { token, rootId } = d;
    await d.stop();

    const saved = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8'));
    assert.equal(saved.format, 1);
    assert.deepEqual(await readdir(join(dir, 'tmp')), []);
    assert.equal((await readdir(join(dir, 'blobs'))).length, 4, 'kept, over v2, trashed and the doc: v1 and the deleted file are gone');

    const emu = await startEmulator({ port: 0, dataDir: dir });
    try {
      const get = (path: string) => request(`${emu.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await get('/drive/v3/files/root?fields=id')).json().id, rootId, 'same root, same access token');
      const listed = (await get(`/drive/v3/files?q=${encodeURIComponent(`'${folder}' in parents`)}&fields=files(id,name)`)).json();
      assert.deepEqual(listed.files, [{ id: file, name: 'kept.txt' }]);
      assert.equal((await get(`/drive/v3/files/${file}?alt=media`)).text, 'persisted bytes');
      assert.equal((await get(`/drive/v3/files/${over}?alt=media`)).text, 'v2 content');
      assert.equal((await get(`/drive/v3/files/${trashed}?fields=trashed`)).json().trashed, true);
      assert.equal((await get(`/drive/v3/files/${gone}`)).status, 404);
      assert.equal((await get(`/drive/v3/files/${doc['id']}/export?mimeType=text/plain`)).text, 'exported');
      const t = await request(`${emu.url}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh, client_id: 'drive-emulator-control' }) });
      assert.equal(t.status, 200, t.text);
    } finally {
      await emu.stop();
    }
  });

  test('an acknowledged change is on disk before its reply, whatever the save delay', async () => {
    const own = await mkdtemp(join(tmpdir(), 'drive-emu-ack-'));
    const crashed = `${own}-as-left`;
    // A save delay of an hour: only the replies' own journal records can have written anything.
    const d = await startDrive({ dataDir: own, saveDebounceMs: 3_600_000 });
    try {
      const folder = await d.mkdir('acked');
      const file = await d.upload('acked.txt', 'acknowledged bytes', folder);
      const removed = await d.upload('removed.txt', 'x', folder);
      await d.call('DELETE', `/drive/v3/files/${removed}`);
      await d.call('PATCH', `/drive/v3/files/${file}?addParents=root&removeParents=${folder}`, { json: { name: 'moved.txt' } });
      // A copy of the data dir as a crash would leave it: no snapshot, only the journal.
      await cp(own, crashed, { recursive: true });
      const emu = await startEmulator({ port: 0, dataDir: crashed });
      try {
        const get = (path: string) => request(`${emu.url}${path}`, { headers: { Authorization: `Bearer ${d.token}` } });
        const meta = (await get(`/drive/v3/files/${file}?fields=name,parents`)).json();
        assert.deepEqual(meta, { name: 'moved.txt', parents: [d.rootId] });
        assert.equal((await get(`/drive/v3/files/${file}?alt=media`)).text, 'acknowledged bytes');
        assert.equal((await get(`/drive/v3/files/${removed}`)).status, 404);
      } finally {
        await emu.stop();
      }
    } finally {
      await d.stop();
      await rm(own, { recursive: true, force: true });
      await rm(crashed, { recursive: true, force: true });
    }
  });
});

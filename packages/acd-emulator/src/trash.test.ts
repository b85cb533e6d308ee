import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDrive } from './harness.js';
import type { TestDrive } from './harness.js';

describe('trash', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  test('PUT trash/{id}: 200 with status TRASH, modifiedDate and version move; parents are kept', async () => {
    const n = (await d.upload('t.txt', 'trash me')).json();
    const r = await d.api('PUT', `trash/${n.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json().status, 'TRASH');
    assert.deepEqual(r.json().parents, [d.rootId]);
    assert.equal(r.json().version, n.version + 1);
    assert.ok(r.json().modifiedDate >= n.modifiedDate);
    assert.equal((await d.api('GET', `nodes?filters=parents:${d.rootId}`)).json().count, 0);
    assert.equal((await d.api('GET', `nodes/${n.id}`)).json().status, 'TRASH');
  });

  test('a trashed folder takes its descendants out of sight; restoring brings them back', async () => {
    const top = await d.mkdir('top');
    const sub = await d.mkdir('sub', top);
    const f = (await d.upload('deep.txt', 'deep', { parentId: sub })).json().id;
    const elsewhere = await d.mkdir('elsewhere');
    const shared = (await d.upload('shared.txt', 'shared', { parentId: sub })).json().id;
    await d.api('PUT', `nodes/${elsewhere}/children/${shared}`);
    await d.api('PUT', `trash/${top}`);
    assert.equal((await d.api('GET', `nodes/${f}`)).json().status, 'TRASH');
    const left = (await d.api('GET', `nodes?filters=parents:${sub}`)).json();
    assert.deepEqual(left.data.map((n: { id: string }) => n.id), [shared], 'only the node that also lives elsewhere stays');
    assert.equal((await d.api('GET', `nodes/${shared}`)).json().status, 'AVAILABLE');
    const restored = await d.api('POST', `trash/${top}/restore`);
    assert.equal(restored.status, 200);
    assert.equal(restored.json().status, 'AVAILABLE');
    assert.deepEqual(restored.json().parents, [d.rootId]);
    assert.equal((await d.api('GET', `nodes/${f}`)).json().status, 'AVAILABLE');
    assert.equal((await d.api('GET', `nodes?filters=parents:${sub}`)).json().count, 2);
  });

  test('restoring into a name now taken is 409', async () => {
    const a = await d.mkdir('again');
    await d.api('PUT', `trash/${a}`);
    await d.mkdir('AGAIN');
    assert.equal((await d.api('POST', `trash/${a}/restore`)).status, 409);
  });

  test('GET trash lists trashed nodes, paged', async () => {
    const dir = await d.mkdir('bulk');
    for (let i = 0; i < 205; i++) {
      const id = (await d.api('POST', 'nodes', { name: `b${i}`, kind: 'FOLDER', parents: [dir] })).json().id;
      await d.api('PUT', `trash/${id}`);
    }
    const first = (await d.api('GET', 'trash')).json();
    assert.equal(first.data.length, 200);
    assert.ok(first.data.every((n: { status: string }) => n.status === 'TRASH'));
    const second = (await d.api('GET', `trash?startToken=${encodeURIComponent(first.nextToken)}`)).json();
    assert.equal(first.data.length + second.data.length, first.count);
    assert.equal(second.nextToken, undefined);
  });

  test('the root cannot be trashed; DELETE nodes/{id} is the real purgeNode 403', async () => {
    assert.equal((await d.api('PUT', `trash/${d.rootId}`)).status, 403);
    const id = await d.mkdir('keep');
    const r = await d.api('DELETE', `nodes/${id}`);
    assert.equal(r.status, 403);
    assert.equal(r.json().message, 'Insufficient permissions granted for operation: purgeNode');
    assert.equal((await d.api('GET', `nodes/${id}`)).json().status, 'AVAILABLE');
  });

  test('trashed nodes cannot be downloaded, but can be renamed (rclone move fallback)', async () => {
    const n = (await d.upload('fallback.txt', 'fb')).json();
    await d.api('PUT', `trash/${n.id}`);
    assert.equal((await d.download(n.id)).status, 404);
    const renamed = await d.api('PATCH', `nodes/${n.id}`, { name: 'renamed.txt' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.json().status, 'TRASH');
  });
});

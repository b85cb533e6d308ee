import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { request, startDrive } from './harness.js';
import type { TestDrive } from './harness.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NODE_ID = /^[A-Za-z0-9_-]{22}$/;

describe('discovery, account and the node model', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  test('account/endpoint points both URLs back at this server, each ending in /', async () => {
    const r = await d.api('GET', 'account/endpoint');
    assert.deepEqual(r.json(), { customerExists: true, contentUrl: `${d.emu.url}/cdproxy/`, metadataUrl: `${d.emu.url}/drive/v1/` });
    const viaHost = await request(`${d.emu.url}/drive/v1/account/endpoint`, { token: d.token, headers: { Host: 'localhost:9' } });
    assert.equal(viaHost.json().metadataUrl, 'http://localhost:9/drive/v1/');
  });

  test('account info, quota and usage', async () => {
    assert.deepEqual((await d.api('GET', 'account/info')).json(), { termsOfUse: '1.0.0', status: 'ACTIVE' });
    await d.upload('q.jpg', 'x'.repeat(10));
    const quota = (await d.api('GET', 'account/quota')).json();
    assert.equal(quota.quota - quota.available, 10);
    assert.match(quota.lastCalculated, ISO_MS);
    const usage = (await d.api('GET', 'account/usage')).json();
    assert.deepEqual(usage.photo.total, { bytes: 10, count: 1 });
    assert.ok(usage.doc && usage.video && usage.other);
  });

  test('the root is a FOLDER with isRoot, no parents and no name', async () => {
    const root = (await d.api('GET', `nodes/${d.rootId}`)).json();
    assert.equal(root.kind, 'FOLDER');
    assert.equal(root.isRoot, true);
    assert.deepEqual(root.parents, []);
    assert.equal('name' in root, false);
    assert.equal(root.createdBy, 'CloudDriveFiles');
    assert.match(root.id, NODE_ID);
  });

  test('created nodes carry every field, with ms-precision UTC dates', async () => {
    const r = await d.api('POST', 'nodes', { name: 'Docs', kind: 'FOLDER', parents: [d.rootId] });
    assert.equal(r.status, 201);
    const n = r.json();
    for (const f of ['id', 'kind', 'status', 'parents', 'version', 'createdDate', 'modifiedDate', 'labels', 'restricted', 'isShared', 'createdBy']) {
      assert.ok(f in n, f);
    }
    assert.match(n.id, NODE_ID);
    assert.match(n.createdDate, ISO_MS);
    assert.match(n.modifiedDate, ISO_MS);
    assert.equal(n.status, 'AVAILABLE');
    assert.equal(n.version, 1);
  });

  test('POST nodes without parents puts the folder under the root', async () => {
    const r = await d.api('POST', 'nodes', { name: 'orphan', kind: 'FOLDER' });
    assert.deepEqual(r.json().parents, [d.rootId]);
  });

  test('JSON bodies parse with no Content-Type and a trailing newline; bad JSON is 400', async () => {
    const r = await request(`${d.meta}nodes`, { method: 'POST', token: d.token, body: `{"name":"nl","kind":"FOLDER","parents":["${d.rootId}"]}\n` });
    assert.equal(r.status, 201);
    const bad = await request(`${d.meta}nodes`, { method: 'POST', token: d.token, body: '{"name":' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.json()).sort(), ['code', 'logref', 'message']);
  });

  test('bad names and unknown ids get 400 / 404 with JSON bodies', async () => {
    for (const name of ['a/b', '', '.', '..']) {
      const r = await d.api('POST', 'nodes', { name, kind: 'FOLDER', parents: [d.rootId] });
      assert.equal(r.status, 400, JSON.stringify(name));
    }
    assert.equal((await d.api('POST', 'nodes', { name: 'x', kind: 'FOLDER', parents: ['nope'] })).status, 404);
    assert.equal((await d.api('POST', 'nodes', { name: 'x', kind: 'FILE', parents: [d.rootId] })).status, 400);
    const missing = await d.api('GET', 'nodes/AAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(missing.status, 404);
    assert.equal(missing.json().code, 'NOT_FOUND');
    assert.equal((await d.api('GET', 'nowhere')).status, 404);
    assert.equal((await d.api('PUT', 'nodes')).status, 405);
  });
});

describe('names, rename, move and parents', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  test('a case-insensitive clash is 409 NAME_ALREADY_EXISTS with the real body', async () => {
    const first = await d.mkdir('Hello.doc');
    const r = await d.api('POST', 'nodes', { name: 'HELLO.DOC', kind: 'FOLDER', parents: [d.rootId] });
    assert.equal(r.status, 409);
    const body = r.json();
    assert.deepEqual(Object.keys(body).sort(), ['code', 'info', 'logref', 'message']);
    assert.equal(body.code, 'NAME_ALREADY_EXISTS');
    assert.equal(body.message, `Node with the name hello.doc already exists under parentId ${d.rootId} conflicting NodeId: ${first}`);
    assert.deepEqual(body.info, { nodeId: first });
    const upload = await d.upload('hello.DOC', 'x');
    assert.equal(upload.status, 409);
    assert.equal(upload.json().info.nodeId, first);
  });

  test('names keep their case; trashed nodes never clash', async () => {
    const id = await d.mkdir('MiXeD');
    assert.equal((await d.api('GET', `nodes/${id}`)).json().name, 'MiXeD');
    await d.api('PUT', `trash/${id}`);
    assert.equal((await d.api('POST', 'nodes', { name: 'mixed', kind: 'FOLDER', parents: [d.rootId] })).status, 201);
  });

  test('PATCH renames (version+1, new modifiedDate), 409 on clash, 403 for contentProperties, 400 for modifiedDate', async () => {
    const id = await d.mkdir('before');
    await d.mkdir('taken');
    const orig = (await d.api('GET', `nodes/${id}`)).json();
    await sleep(5);
    const r = await d.api('PATCH', `nodes/${id}`, { name: 'after' });
    assert.equal(r.status, 200);
    assert.equal(r.json().name, 'after');
    assert.equal(r.json().version, orig.version + 1);
    assert.ok(r.json().modifiedDate > orig.modifiedDate);
    assert.equal(r.json().createdDate, orig.createdDate);
    assert.equal((await d.api('PATCH', `nodes/${id}`, { name: 'TAKEN' })).status, 409);
    assert.equal((await d.api('PATCH', `nodes/${id}`, { name: 'AFTER' })).status, 200, 'a case-only rename of itself is fine');
    assert.equal((await d.api('PATCH', `nodes/${id}`, { contentProperties: { md5: 'x' } })).status, 403);
    assert.equal((await d.api('PATCH', `nodes/${id}`, { modifiedDate: '2001-01-01T00:00:00.000Z' })).status, 400);
    assert.equal((await d.api('PATCH', `nodes/${id}`, { name: 'a/b' })).status, 400);
    const desc = await d.api('PATCH', `nodes/${id}`, { description: 'why' });
    assert.equal(desc.json().description, 'why');
  });

  test('move with {fromParent, childId}: 200, clash 409, refused in trash', async () => {
    const a = await d.mkdir('A');
    const b = await d.mkdir('B');
    const child = await d.mkdir('child', a);
    const r = await d.api('POST', `nodes/${b}/children`, { fromParent: a, childId: child });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json().parents, [b]);
    assert.equal((await d.api('GET', `nodes?filters=parents:${a}`)).json().count, 0);
    await d.mkdir('CHILD', a);
    assert.equal((await d.api('POST', `nodes/${a}/children`, { fromParent: b, childId: child })).status, 409);
    assert.equal((await d.api('POST', `nodes/${child}/children`, { fromParent: b, childId: b })).status, 400, 'no cycles');
    await d.api('PUT', `trash/${child}`);
    assert.equal((await d.api('POST', `nodes/${a}/children`, { fromParent: b, childId: child })).status, 400);
  });

  test('add and remove parents; works on trashed nodes; last parent falls back to the root', async () => {
    const p1 = await d.mkdir('p1');
    const p2 = await d.mkdir('p2');
    const f = (await d.upload('multi.txt', 'm', { parentId: p1 })).json().id;
    const add = await d.api('PUT', `nodes/${p2}/children/${f}`);
    assert.equal(add.status, 200);
    assert.deepEqual(add.json().parents.sort(), [p1, p2].sort());
    assert.equal((await d.api('GET', `nodes?filters=parents:${p2}`)).json().data[0].id, f);
    const rm = await d.api('DELETE', `nodes/${p1}/children/${f}`);
    assert.equal(rm.status, 200);
    assert.deepEqual(rm.json().parents, [p2]);
    await d.api('PUT', `trash/${f}`);
    assert.equal((await d.api('PUT', `nodes/${p1}/children/${f}`)).status, 200);
    assert.equal((await d.api('DELETE', `nodes/${p2}/children/${f}`)).json().status, 'TRASH');
    const last = await d.api('DELETE', `nodes/${p1}/children/${f}`);
    assert.deepEqual(last.json().parents, [d.rootId]);
  });

  test('a repeated localId on create is 409', async () => {
    const first = await d.api('POST', 'nodes', { name: 'l1', kind: 'FOLDER', parents: [d.rootId], localId: 'L-1' });
    assert.equal(first.status, 201);
    const again = await d.api('POST', 'nodes', { name: 'l2', kind: 'FOLDER', parents: [d.rootId], localId: 'L-1' });
    assert.equal(again.status, 409);
    assert.equal(again.json().info.nodeId, first.json().id);
  });
});

describe('listing', () => {
  let d: TestDrive;
  let dir: string;
  before(async () => {
    d = await startDrive({ faults: { nextTokenTtl: '400ms' } });
    dir = await d.mkdir('many');
    for (let i = 0; i < 450; i++) await d.api('POST', 'nodes', { name: `n${i}`, kind: 'FOLDER', parents: [dir] });
  });
  after(() => d.stop());

  test('pages hold at most 200; nextToken only while more follow; count is the total', async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const q = new URLSearchParams({ filters: `parents:${dir}`, limit: '1000', ...(token ? { startToken: token } : {}) });
      const page = (await d.api('GET', `nodes?${q}`)).json();
      assert.equal(page.count, 450);
      sizes.push(page.data.length);
      for (const n of page.data) seen.add(n.id);
      token = page.nextToken;
    } while (token);
    assert.deepEqual(sizes, [200, 200, 50]);
    assert.equal(seen.size, 450);
    const small = (await d.api('GET', `nodes?filters=parents:${dir}&limit=450`)).json();
    assert.equal(small.data.length, 200);
    const exact = (await d.api('GET', `nodes/${dir}/children?limit=50&filters=name:n4*`)).json();
    assert.equal(exact.count, 61); // n4, n40-49, n400-449
    assert.equal(exact.data.length, 50);
    assert.ok(exact.nextToken);
    assert.equal((await d.api('GET', `nodes?filters=parents:${dir}&limit=0`)).status, 400);
  });

  test('a startToken older than the nextToken lifetime is 400 "Next token is expired"', async () => {
    const page = (await d.api('GET', `nodes?filters=parents:${dir}`)).json();
    await sleep(450);
    const r = await d.api('GET', `nodes?filters=parents:${dir}&startToken=${encodeURIComponent(page.nextToken)}`);
    assert.equal(r.status, 400);
    assert.equal(r.json().message, 'Next token is expired');
    assert.ok(r.json().logref);
  });

  test('GET nodes/{id}/children lists like parents:{id}', async () => {
    const r = (await d.api('GET', `nodes/${dir}/children`)).json();
    assert.equal(r.count, 450);
    assert.ok(r.data.every((n: { parents: string[] }) => n.parents.includes(dir)));
    assert.equal((await d.api('GET', 'nodes/AAAAAAAAAAAAAAAAAAAAAA/children')).status, 404);
  });

  test('rclone name lookup: form-encoded, quoted and backslash-escaped', async () => {
    const weird = `a+b (c)'q".txt`;
    const id = (await d.upload(weird, 'w', { parentId: dir })).json().id;
    const escaped = weird.replace(/[+\-&|!(){}[\]^'"~*?:\\ ]/g, (c) => `\\${c}`);
    const q = new URLSearchParams({ filters: `parents:"${dir}" AND name:"${escaped}"` }).toString();
    assert.match(q, /\+AND\+/);
    const r = (await d.api('GET', `nodes?${q}`)).json();
    assert.equal(r.count, 1);
    assert.equal(r.data[0].id, id);
    const upper = new URLSearchParams({ filters: `parents:"${dir}" AND name:"${escaped.toUpperCase()}"` }).toString();
    assert.equal((await d.api('GET', `nodes?${upper}`)).json().data[0].id, id);
  });

  test('no status clause leaves out TRASH; status:TRASH finds them; bad filters are 400', async () => {
    const t = await d.mkdir('gone', dir);
    await d.api('PUT', `trash/${t}`);
    assert.equal((await d.api('GET', `nodes?filters=${encodeURIComponent(`parents:${dir} AND name:gone`)}`)).json().count, 0);
    const trashed = (await d.api('GET', `nodes?filters=${encodeURIComponent('status:TRASH AND kind:FOLDER')}`)).json();
    assert.deepEqual(trashed.data.map((n: { id: string }) => n.id), [t]);
    assert.equal((await d.api('GET', 'nodes?filters=bogus:1')).status, 400);
  });
});

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { request, startDrive } from './harness.js';
import { startEmulator } from './server.js';
import type { TestDrive } from './harness.js';

describe('fault switches', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  afterEach(() => { d.emu.control.resetFaults(); });
  after(() => d.stop());

  test('--rate-limit: requests beyond N per second get 429 {"message":"Rate exceeded"}', async () => {
    d.emu.control.setFaults({ rateLimit: 3 });
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 6; i++) {
      const r = await d.api('GET', 'account/info');
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    assert.ok(statuses.filter((s) => s === 429).length >= 2, statuses.join(','));
    assert.deepEqual(limited!.json(), { message: 'Rate exceeded' });
    await sleep(1050);
    assert.equal((await d.api('GET', 'account/info')).status, 200);
  });

  test('--fail-rate: answers 500, 502 or 503 with JSON', async () => {
    d.emu.control.setFaults({ failRate: 1 });
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const r = await d.api('GET', 'account/info');
      seen.add(r.status);
      assert.equal(typeof r.json().message, 'string');
    }
    assert.deepEqual([...seen].sort(), [500, 502, 503]);
    d.emu.control.setFaults({ failRate: 0 });
    assert.equal((await d.api('GET', 'account/info')).status, 200);
  });

  test('408, 504 (empty body) and the spurious 403 each have a switch', async () => {
    d.emu.control.setFaults({ timeoutRate: 1 });
    assert.equal((await d.api('GET', 'account/info')).status, 408);
    d.emu.control.setFaults({ timeoutRate: 0, gatewayTimeoutRate: 1 });
    const gw = await d.api('GET', 'account/info');
    assert.equal(gw.status, 504);
    assert.equal(gw.body.length, 0);
    d.emu.control.setFaults({ gatewayTimeoutRate: 0, spurious403Rate: 1 });
    const forbidden = await d.api('GET', 'account/info');
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.json().message, /^Authorization header requires/);
  });

  test('faults hit uploads too, and the body is drained so the reply arrives', async () => {
    d.emu.control.setFaults({ failRate: 1 });
    const r = await d.upload('faulted.bin', Buffer.alloc(200_000, 1), { chunkSize: 16_384 });
    assert.ok([500, 502, 503].includes(r.status));
    d.emu.control.setFaults({ failRate: 0 });
    assert.equal((await d.api('GET', 'nodes?filters=name:faulted.bin')).json().count, 0);
  });

  test('one-shot injection: the next matching request only', async () => {
    d.emu.control.inject({ status: 504, path: '/cdproxy/nodes', method: 'POST' });
    assert.equal((await d.api('GET', 'account/info')).status, 200, 'does not match');
    const r = await d.upload('inj.txt', 'x');
    assert.equal(r.status, 504);
    assert.equal((await d.upload('inj.txt', 'x')).status, 201);
    d.emu.control.inject({ status: 503, count: 2, path: '/auth/o2/token' });
    const tok = await request(`${d.emu.url}/auth/o2/token`, { method: 'POST', body: 'grant_type=refresh_token&refresh_token=x' });
    assert.equal(tok.status, 503);
  });

  test('ghost upload: stored, answered 504/500, visible only after the delay', async () => {
    d.emu.control.setFaults({ ghostUploadRate: 1, ghostUploadDelay: '300ms', ghostUploadStatuses: [504] });
    const r = await d.upload('ghost.bin', 'boo');
    assert.equal(r.status, 504);
    assert.equal(r.body.length, 0);
    const lookup = () => d.api('GET', `nodes?filters=${encodeURIComponent(`parents:"${d.rootId}" AND name:"ghost.bin"`)}`);
    assert.equal((await lookup()).json().count, 0);
    const retry = await d.upload('ghost.bin', 'boo');
    assert.equal(retry.status, 409, 'a retry while the ghost is hidden clashes, as on the real service');
    await sleep(350);
    const found = (await lookup()).json();
    assert.equal(found.count, 1);
    assert.equal(found.data[0].contentProperties.size, 3);
    d.emu.control.setFaults({ ghostUploadStatuses: [500], ghostUploadDelay: 0 });
    const r500 = await d.upload('ghost2.bin', 'boo');
    assert.equal(r500.status, 500);
    assert.equal((await d.api('GET', 'nodes?filters=name:ghost2.bin')).json().count, 1, 'delay 0: appears at once');
  });

  test('pending uploads: the node stays PENDING', async () => {
    d.emu.control.setFaults({ pendingUploadRate: 1 });
    const r = await d.upload('pend.bin', 'p');
    assert.equal(r.status, 201);
    assert.equal(r.json().status, 'PENDING');
    const listed = (await d.api('GET', 'nodes?filters=name:pend.bin')).json();
    assert.equal(listed.data[0].status, 'PENDING');
  });

  test('listing lag: new and moved nodes show up in listings only after N ms, GET by id at once', async () => {
    d.emu.control.setFaults({ listingLag: '300ms' });
    const id = await d.mkdir('laggy');
    assert.equal((await d.api('GET', 'nodes?filters=name:laggy')).json().count, 0);
    assert.equal((await d.api('GET', `nodes/${id}`)).status, 200);
    await sleep(350);
    assert.equal((await d.api('GET', 'nodes?filters=name:laggy')).json().count, 1);
  });

  test('faults can be set at start-up, like the CLI flags', async () => {
    const e = await startEmulator({ port: 0, faults: { gatewayTimeoutRate: 1 } });
    try {
      const token = e.control.issueToken().access_token;
      assert.equal((await request(`${e.url}/drive/v1/account/info`, { token })).status, 504);
    } finally {
      await e.stop();
    }
  });
});

describe('control endpoint over HTTP (no OAuth token)', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());
  const ctl = (method: string, path: string, body?: unknown) =>
    request(`${d.emu.url}/_emulator/${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  test('faults: GET, POST (sizes and durations as text), DELETE resets, bad values 400', async () => {
    const set = await ctl('POST', 'faults', { failRate: 0.5, maxFileSize: '1.5M', listingLag: '2s', downloadWall: 100 });
    assert.equal(set.status, 200);
    assert.equal(set.json().maxFileSize, 1.5 * 2 ** 20);
    assert.equal(set.json().listingLagMs, 2000);
    assert.equal(set.json().downloadWall, 100);
    assert.equal((await ctl('GET', 'faults')).json().failRate, 0.5);
    assert.equal((await ctl('POST', 'faults', { failRate: 2 })).status, 400);
    assert.equal((await ctl('POST', 'faults', { nope: 1 })).status, 400);
    const reset = await ctl('DELETE', 'faults');
    assert.equal(reset.json().failRate, 0);
    assert.equal(reset.json().maxFileSize, 50 * 2 ** 30);
    assert.equal(reset.json().downloadWall, 10 * 2 ** 30);
    const inj = await ctl('POST', 'faults/inject', { status: 429 });
    assert.equal(inj.json().pendingInjections.length, 1);
    assert.deepEqual((await d.api('GET', 'account/info')).json(), { message: 'Rate exceeded' });
    assert.equal((await ctl('POST', 'faults/inject', { status: 418 })).status, 400);
  });

  test('plant a node with any raw name, then see it through the API', async () => {
    for (const name of ['..', 'a/b', '', '.', 'nul\u0000byte']) {
      const r = await ctl('POST', 'nodes', { parentId: d.rootId, name, content: 'hostile' });
      assert.equal(r.status, 201, JSON.stringify(name));
      assert.equal(r.json().name, name);
    }
    const folder = await ctl('POST', 'nodes', { name: 'x/y', kind: 'FOLDER' });
    assert.equal(folder.json().kind, 'FOLDER');
    const listed = (await d.api('GET', `nodes?filters=parents:${d.rootId}`)).json();
    const names = listed.data.map((n: { name: string }) => n.name);
    for (const name of ['..', 'a/b', '', 'x/y']) assert.ok(names.includes(name), name);
    const planted = listed.data.find((n: { name: string }) => n.name === '..');
    assert.equal((await d.download(planted.id)).text, 'hostile');
  });

  test('dump nodes and trash, issue/revoke/expire tokens, purge, request log', async () => {
    const id = await d.mkdir('to-trash');
    await d.api('PUT', `trash/${id}`);
    const trash = (await ctl('GET', 'nodes?status=TRASH')).json().nodes;
    assert.deepEqual(trash.map((n: { id: string }) => n.id), [id]);
    const tok = (await ctl('POST', 'tokens', { ttl: '1h' })).json();
    assert.match(tok.access_token, /^Atza\|/);
    assert.match(tok.expiry, /Z$/);
    assert.equal((await request(`${d.meta}account/info`, { token: tok.access_token })).status, 200);
    assert.ok((await ctl('POST', 'tokens/revoke', {})).json().revoked >= 1);
    const refresh = await request(`${d.emu.url}/auth/o2/token`, { method: 'POST', body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(tok.refresh_token)}` });
    assert.equal(refresh.json().error, 'invalid_grant');
    assert.equal((await ctl('POST', 'tokens/expire', { accessToken: tok.access_token })).json().expired, 1);
    assert.equal((await request(`${d.meta}account/info`, { token: tok.access_token })).status, 401);
    assert.equal((await ctl('POST', 'trash/purge')).json().purged, 1);
    assert.equal((await ctl('GET', 'nodes?status=TRASH')).json().nodes.length, 0);
    await ctl('DELETE', 'requests');
    await d.api('GET', 'account/info');
    const log = (await ctl('GET', 'requests')).json().requests;
    const info = log.find((e: { url: string }) => e.url === '/drive/v1/account/info');
    assert.equal(info.status, 200);
    assert.equal(info.authorization, true);
    assert.equal(log.filter((e: { url: string }) => e.url === '/drive/v1/account/info').length, 1, 'cleared before');
    assert.equal((await ctl('POST', 'templinks/expire')).status, 200);
    assert.equal((await ctl('POST', 'flush')).json().flushed, true);
  });
});

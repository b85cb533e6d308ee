import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { request, startDrive } from './harness.js';
import type { TestDrive } from './harness.js';

function lines(text: string): Array<Record<string, any>> {
  assert.ok(text.endsWith('\n'));
  return text.trim().split('\n').map((l) => JSON.parse(l));
}

describe('changes feed', () => {
  let d: TestDrive;
  before(async () => { d = await startDrive(); });
  after(() => d.stop());

  test('NDJSON chunks of {checkpoint, reset, nodes, statusCode} ending with {"end":true}', async () => {
    await d.mkdir('c1');
    const r = await d.api('POST', 'changes', { includePurged: 'true' });
    assert.equal(r.status, 200);
    const out = lines(r.text);
    assert.deepEqual(out[out.length - 1], { end: true });
    const first = out[0]!;
    assert.deepEqual(Object.keys(first).sort(), ['checkpoint', 'nodes', 'reset', 'statusCode']);
    assert.equal(first.statusCode, 200);
    assert.equal(first.reset, true, 'no checkpoint: full state, reset');
    assert.deepEqual(first.nodes.map((n: { name?: string }) => n.name ?? '<root>').sort(), ['<root>', 'c1']);
  });

  test('a checkpoint returns only later changes; nothing new gives an empty chunk', async () => {
    const cp = lines((await d.api('POST', 'changes', {})).text).at(-2)!.checkpoint;
    const id = await d.mkdir('c2');
    await d.api('PATCH', `nodes/${id}`, { name: 'c2-renamed' });
    const out = lines((await d.api('POST', 'changes', { checkpoint: cp, includePurged: true })).text);
    assert.equal(out[0]!.reset, false);
    assert.deepEqual(out[0]!.nodes.map((n: { name: string }) => n.name), ['c2-renamed']);
    const cp2 = out[0]!.checkpoint;
    const none = lines((await d.api('POST', 'changes', { checkpoint: cp2 })).text);
    assert.deepEqual(none[0]!.nodes, []);
    assert.equal(none[0]!.checkpoint, cp2);
  });

  test('chunkSize splits, maxNodes stops early, bad checkpoints reset', async () => {
    for (let i = 0; i < 5; i++) await d.mkdir(`chunk${i}`);
    const out = lines((await d.api('POST', 'changes', { chunkSize: 2 })).text);
    assert.ok(out.slice(0, -1).every((c) => c.nodes.length <= 2));
    const limited = lines((await d.api('POST', 'changes', { chunkSize: 2, maxNodes: 3 })).text);
    assert.equal(limited.slice(0, -1).reduce((s, c) => s + c.nodes.length, 0), 4);
    const bogus = lines((await d.api('POST', 'changes', { checkpoint: 'garbage' })).text);
    assert.equal(bogus[0]!.reset, true);
  });

  test('purged trash appears as PURGED with includePurged only', async () => {
    const cp = lines((await d.api('POST', 'changes', {})).text).at(-2)!.checkpoint;
    const id = await d.mkdir('doomed');
    await d.api('PUT', `trash/${id}`);
    assert.ok(d.emu.control.purgeTrash() >= 1);
    const withPurged = lines((await d.api('POST', 'changes', { checkpoint: cp, includePurged: 'true' })).text);
    const doomed = withPurged[0]!.nodes.find((n: { id: string }) => n.id === id);
    assert.equal(doomed.status, 'PURGED');
    const without = lines((await d.api('POST', 'changes', { checkpoint: cp })).text);
    assert.equal(without[0]!.nodes.find((n: { id: string }) => n.id === id), undefined);
    assert.equal((await d.api('GET', `nodes/${id}`)).status, 404);
  });

  test('the body may come with no Content-Type and a trailing newline', async () => {
    const r = await request(`${d.meta}changes`, { method: 'POST', token: d.token, body: '{"includePurged":"true"}\n' });
    assert.equal(r.status, 200);
  });
});

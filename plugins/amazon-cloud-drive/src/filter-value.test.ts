import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listDir } from '@rsyncish/core';
import { escapeFilterValue } from './filter-value.js';
import { collect, put, readAll, startHarness, type Harness } from './testing/support.js';

test('filter values escape + - & | ! ( ) { } [ ] ^ \' " ~ * ? : \\ and space, not dots (C38)', () => {
  assert.equal(escapeFilterValue(`a+b (c)'q".txt`), `a\\+b\\ \\(c\\)\\'q\\".txt`);
  assert.equal(escapeFilterValue('-&|!{}[]^~*?:\\'), '\\-\\&\\|\\!\\{\\}\\[\\]\\^\\~\\*\\?\\:\\\\');
});

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('odd names survive upload, lookup, listing and download', async () => {
  const b = await h.open();
  // Engine (standard) names: ／ is a slash in the name, ␀ a NUL, ‛‛ one quote mark.
  const names = [`a+b (c)'q".txt`, 'semi;colon#hash%.txt', 'ünïcödé 日本.txt', '．', 'x／y', '-&|!{}[]^~*?:\\', 'it‛‛s', 'nul␀in', 'ctl␁'];
  for (const n of names) await put(b, `odd/${n}`, `content of ${n}`);
  const listed = (await collect(b.list('odd'))).map((e) => e.path.slice(4)).sort();
  assert.deepEqual(listed, [...names].sort());
  for (const n of names) {
    assert.equal(String(await readAll(await b.get(`odd/${n}`))), `content of ${n}`, n);
  }
  // On the server the names are encoded as rclone encodes them (acd: Slash,InvalidUtf8,Dot).
  const stored = h.emu.control.nodes().map((n) => n.name);
  for (const s of ['．', 'x／y', 'nul␀in', 'it‛‛s', 'ctl\u0001']) assert.ok(stored.includes(s), s);
  // Uploads into a folder this backend created need no lookup; a stat does one.
  await b.stat(`odd/${names[0]}`);
  const lookup = h.emu.control.requests().find((r) => r.url.includes('name%3A%22a%5C%2Bb'));
  assert.ok(lookup, 'the name lookup is parents:"id" AND name:"escaped"');
  assert.match(decodeURIComponent(lookup.url.replace(/\+/g, ' ')), /filters=parents:"[\w-]+" AND name:"a\\\+b\\ \\\(c\\\)\\'q\\"\.txt"/);
});

test('names the engine could not take (`..`, `a/b`) reach it as standard names, nothing renamed on the server', async () => {
  const b = await h.open();
  await b.mkdir('hostile');
  const dirId = (await b.stat('hostile')).id!;
  for (const name of ['..', 'a/b', '', 'fine.txt']) {
    await h.emu.control.plantNode({ parentId: dirId, name, content: 'x' });
  }
  const raw = (await collect(b.list('hostile'))).map((e) => e.path).sort();
  assert.deepEqual(raw, ['hostile/', 'hostile/a／b', 'hostile/fine.txt', 'hostile/．．']);
  const refused: string[] = [];
  const kept = await listDir(b, 'hostile', (_err, name) => refused.push(name));
  assert.deepEqual(kept.map((e) => e.path).sort(), ['hostile/a／b', 'hostile/fine.txt', 'hostile/．．']);
  assert.deepEqual(refused, ['']);
});

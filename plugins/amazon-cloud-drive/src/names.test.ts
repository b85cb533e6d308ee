import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { listDir } from '@rsyncish/core';
import { decodeName, encodeName, escapeFilterValue } from './names.js';
import { collect, put, readAll, startHarness, type Harness } from './test-support.js';

test('encoding follows rclone (C81): NUL, slash, dot names, look-alikes quoted', () => {
  const cases: Array<[string, string]> = [
    ['plain name.txt', 'plain name.txt'],
    ['a\0b', 'a␀b'],
    ['a/b', 'a／b'],
    ['.', '．'],
    ['..', '．．'],
    ['...', '...'],
    ['．', '‛．'],
    ['．．', '‛．‛．'],
    ['x／y', 'x‛／y'],
    ['x␀y', 'x‛␀y'],
    ['it‛s', 'it‛‛s'],
    ['', ''],
  ];
  for (const [raw, enc] of cases) {
    assert.equal(encodeName(raw), enc, `encode ${JSON.stringify(raw)}`);
    assert.equal(decodeName(enc), raw, `decode ${JSON.stringify(enc)}`);
  }
});

test('invalid UTF-8 (a lone surrogate in JS) becomes ‛XX bytes and comes back', () => {
  const raw = `bad\uD800name`;
  assert.equal(encodeName(raw), 'bad‛ED‛A0‛80name');
  assert.equal(decodeName(encodeName(raw)), raw);
  assert.equal(decodeName('caf‛C3‛A9'), 'café', 'quoted valid bytes decode as UTF-8');
  assert.equal(encodeName('😀'), '😀', 'a surrogate pair is a valid character');
});

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
  const names = [`a+b (c)'q".txt`, 'semi;colon#hash%.txt', 'ünïcödé 日本.txt', '．', 'x／y', '-&|!{}[]^~*?:\\', 'it‛s', 'nul\0in'];
  for (const n of names) await put(b, `odd/${n}`, `content of ${n}`);
  const listed = (await collect(b.list('odd'))).map((e) => e.path.slice(4)).sort();
  assert.deepEqual(listed, [...names].sort());
  for (const n of names) {
    assert.equal(String(await readAll(await b.get(`odd/${n}`))), `content of ${n}`, n);
  }
  // On the server the names are encoded as rclone encodes them.
  const stored = h.emu.control.nodes().map((n) => n.name);
  assert.ok(stored.includes('‛．') && stored.includes('x‛／y') && stored.includes('nul␀in'));
  // Uploads into a folder this backend created need no lookup; a stat does one.
  await b.stat(`odd/${names[0]}`);
  const lookup = h.emu.control.requests().find((r) => r.url.includes('name%3A%22a%5C%2Bb'));
  assert.ok(lookup, 'the name lookup is parents:"id" AND name:"escaped"');
  assert.match(decodeURIComponent(lookup.url.replace(/\+/g, ' ')), /filters=parents:"[\w-]+" AND name:"a\\\+b\\ \\\(c\\\)\\'q\\"\.txt"/);
});

test('hostile names (`..`, `a/b`, empty) reach the engine raw and are refused there, not renamed', async () => {
  const b = await h.open();
  await b.mkdir('hostile');
  const dirId = (await b.stat('hostile')).id!;
  for (const name of ['..', 'a/b', '', 'fine.txt']) {
    await h.emu.control.plantNode({ parentId: dirId, name, content: 'x' });
  }
  const raw = (await collect(b.list('hostile'))).map((e) => e.path).sort();
  assert.deepEqual(raw, ['hostile/', 'hostile/..', 'hostile/a/b', 'hostile/fine.txt']);
  const refused: string[] = [];
  const kept = await listDir(b, 'hostile', (_err, name) => refused.push(name));
  assert.deepEqual(kept.map((e) => e.path), ['hostile/fine.txt']);
  assert.deepEqual(refused.sort(), ['', '..', 'a/b']);
});

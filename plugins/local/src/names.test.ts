import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { NameCodec } from '@rsyncish/core';
import { DEFAULT_LOCAL_OPTIONS, LocalBackend } from './local-backend.js';
import { platformEncoding } from './options.js';
import { collect, tempDir } from './testing/support.js';

const put = (b: LocalBackend, path: string, text: string) =>
  b.put(path, Readable.from([Buffer.from(text)]), { size: Buffer.byteLength(text), modTime: 1_600_000_000_000 });

test('engine names are written as rclone writes them on Linux and listed back unchanged', async () => {
  const root = tempDir();
  const b = new LocalBackend({ root });
  // ／ is a slash inside a name to the engine, ␀ a NUL, and U+DCAB the invalid byte 0xAB.
  const names = ['2024／01／報告書.pdf', 'nul␀.txt', 'x\uDCAB.txt', '．．', 'it‛‛s'];
  for (const n of names) await put(b, n, n);
  // A quote mark is always written doubled, as rclone does, so ‛AB on disk can only be a byte.
  assert.deepEqual(readdirSync(root).sort(), ['2024／01／報告書.pdf', 'it‛‛s', 'nul␀.txt', 'x‛AB.txt', '．．'].sort());
  assert.deepEqual((await collect(b.list(''))).map((e) => e.path).sort(), [...names].sort());
});

test('a file named with ‛AB on disk is the byte 0xAB to the engine', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'x‛AB'), 'byte');
  const b = new LocalBackend({ root });
  assert.deepEqual((await collect(b.list(''))).map((e) => e.path), ['x\uDCAB']);
});

test('a bare ‛ on disk (it‛s) and a doubled one (it‛‛s) are two files, each read and written under its own name', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'it‛s'), 'bare');
  writeFileSync(join(root, 'it‛‛s'), 'doubled');
  const b = new LocalBackend({ root });
  const names = (await collect(b.list(''))).map((e) => e.path).sort();
  assert.equal(names.length, 2);
  for (const n of names) assert.ok((await b.stat(n)).size > 0, n);
  const copy = new LocalBackend({ root: tempDir() });
  for (const n of names) await put(copy, n, n);
  assert.deepEqual(readdirSync(copy.rootFs).sort(), ['it‛s', 'it‛‛s'].sort());
});

test('the encoding option changes the mapping and the declared capability', () => {
  assert.equal(new LocalBackend({ root: tempDir() }).capabilities.nameEncoding, platformEncoding());
  const plain = new LocalBackend({ root: tempDir(), options: { ...DEFAULT_LOCAL_OPTIONS, names: NameCodec.parse('Slash,Dot') } });
  assert.equal(plain.capabilities.nameEncoding, 'Slash,Dot');
  assert.equal(platformEncoding('linux'), 'Slash,InvalidUtf8,Dot');
  assert.match(platformEncoding('win32'), /BackSlash/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Capabilities, Entry } from '../contract/index.js';
import { decide, type DecideContext } from './decide.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options.js';

const local: Capabilities = {
  hashes: ['md5', 'sha1'], modTime: { read: true, write: true, precisionMs: 1 },
  caseInsensitive: false, deleteIsTrash: false, emptyDirs: true,
};
const coarse: Capabilities = { ...local, hashes: ['sha1'], modTime: { read: true, write: true, precisionMs: 1000 } };
const acdLike: Capabilities = { ...local, hashes: ['md5'], modTime: { read: true, write: false, precisionMs: 1 }, caseInsensitive: true };
const noHash: Capabilities = { ...local, hashes: [] };

const file = (size: number, modTime: number, md5 = 'aa'): Entry => ({ path: 'f', kind: 'file', size, modTime, hashes: { md5, sha1: md5 } });

function ctx(src: Capabilities, dst: Capabilities, opts: Partial<EngineOptions> = {}, hashes = { s: 'aa', d: 'aa' }) {
  const noticed: string[] = [];
  const c: DecideContext = {
    src, dst, options: { ...DEFAULT_ENGINE_OPTIONS, ...opts },
    srcHash: async () => hashes.s, dstHash: async () => hashes.d,
    noCommonHash: () => noticed.push('x'),
  };
  return { c, noticed };
}

const T = 1_700_000_000_000;

test('row 1: a missing destination file is transferred', async () => {
  assert.equal((await decide(file(1, T), undefined, ctx(local, local).c)).action, 'transfer');
});

test('row 2: --ignore-existing skips whatever the content', async () => {
  assert.equal((await decide(file(1, T), file(9, 0), ctx(local, local, { ignoreExisting: true }).c)).action, 'skip');
});

test('row 3: --ignore-times transfers equal files', async () => {
  assert.equal((await decide(file(1, T), file(1, T), ctx(local, local, { ignoreTimes: true }).c)).action, 'transfer');
});

test('row 4: --update skips when the destination is newer', async () => {
  assert.equal((await decide(file(1, T), file(2, T + 5000), ctx(local, local, { update: true }).c)).action, 'skip');
  assert.equal((await decide(file(1, T + 5000), file(2, T), ctx(local, local, { update: true }).c)).action, 'transfer');
});

test('row 5: different sizes transfer, unless --ignore-size', async () => {
  assert.equal((await decide(file(1, T), file(2, T), ctx(local, local).c)).action, 'transfer');
  assert.equal((await decide(file(1, T), file(2, T), ctx(local, local, { ignoreSize: true }).c)).action, 'equal');
});

test('row 6: --size-only calls equal sizes equal', async () => {
  assert.equal((await decide(file(1, T), file(1, 0), ctx(local, local, { sizeOnly: true }).c)).action, 'equal');
});

test('row 7: --checksum compares a common hash', async () => {
  assert.equal((await decide(file(1, T), file(1, 0), ctx(local, acdLike, { checksum: true }).c)).action, 'equal');
  const differ = ctx(local, acdLike, { checksum: true }, { s: 'aa', d: 'bb' });
  assert.equal((await decide(file(1, T), file(1, T), differ.c)).action, 'transfer');
});

test('row 8: --checksum with no common hash says so once and compares sizes', async () => {
  const { c, noticed } = ctx(noHash, acdLike, { checksum: true });
  assert.equal((await decide(file(1, T), file(1, 0), c)).action, 'equal');
  assert.equal(noticed.length, 1);
});

test('row 9: modtimes within the coarser precision are equal', async () => {
  assert.equal((await decide(file(1, T), file(1, T + 999), ctx(local, coarse).c)).action, 'equal');
  assert.equal((await decide(file(1, T), file(1, T), ctx(local, local).c)).action, 'equal');
});

test('row 10: modtimes differ but a common hash matches: only the modtime is fixed', async () => {
  assert.equal((await decide(file(1, T), file(1, T + 1), ctx(local, local).c)).action, 'set-modtime');
});

test('row 11: modtimes differ and hashes differ or are unknown: transfer', async () => {
  assert.equal((await decide(file(1, T), file(1, T + 1), ctx(local, local, {}, { s: 'aa', d: 'bb' }).c)).action, 'transfer');
  assert.equal((await decide(file(1, T), file(1, T + 5), ctx(noHash, noHash).c)).action, 'transfer');
});

test('row 12: a destination that cannot store modtimes is compared by size', async () => {
  assert.equal((await decide(file(1, T), file(1, T + 99_999), ctx(local, acdLike).c)).action, 'equal');
});

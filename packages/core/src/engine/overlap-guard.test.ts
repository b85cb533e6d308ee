import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OverlappingRemotesError } from '../errors/index.js';
import { Filter } from '../filter/index.js';
import { guardOverlap } from './overlap-guard.js';

const at = (path: string, caseInsensitive = false) => ({ store: 'acd:r', path, caseInsensitive });
const none = new Filter();
const refused = (fn: () => Promise<unknown>, pattern: RegExp) =>
  assert.rejects(fn, (err: Error) => err instanceof OverlappingRemotesError && err.exitCode === 7 && pattern.test(err.message));

test('sync and move refuse every overlap; sync of a directory onto itself too', async () => {
  await refused(() => guardOverlap('sync', at('a/backup'), at('a'), none), /^can't sync or move files on overlapping remotes: the source is inside/);
  await refused(() => guardOverlap('sync', at('a'), at('a/backup'), none), /the destination is inside the source \(at "backup"\)/);
  await refused(() => guardOverlap('move', at('a'), at('a/backup'), none), /overlapping remotes/);
  await refused(() => guardOverlap('move', at('a/backup'), at('a'), none), /overlapping remotes/);
  await refused(() => guardOverlap('sync', at('a'), at('a'), none), /the same directory/);
});

test('copy refuses a destination inside its source, and a source inside the destination that holds its own path there', async () => {
  await refused(() => guardOverlap('copy', at('a'), at('a/backup'), none), /^can't copy files on overlapping remotes/);
  assert.equal(await guardOverlap('copy', at('a/backup'), at('a'), none), 'run');
  const holdsBackup = async (p: string) => p === 'backup';
  await refused(() => guardOverlap('copy', at('a/backup'), at('a'), none, undefined, holdsBackup), /holds a "backup" of its own/);
  assert.equal(await guardOverlap('copy', at('a/backup'), at('a'), new Filter({ exclude: ['/backup/**'] }), undefined, holdsBackup), 'run');
});

test('a destination inside the source is allowed when a filter excludes it, or any directory above it', async () => {
  assert.equal(await guardOverlap('sync', at('a'), at('a/backup'), new Filter({ exclude: ['/backup/**'] })), 'run');
  assert.equal(await guardOverlap('sync', at('a'), at('a/b/c'), new Filter({ exclude: ['/b/**'] })), 'run');
  await refused(() => guardOverlap('sync', at('a'), at('a/backup'), new Filter({ exclude: ['*.tmp'] })), /overlapping/);
});

test('the same directory is nothing to do for copy and move; the same file for every mode', async () => {
  assert.equal(await guardOverlap('copy', at('a'), at('a'), none), 'already-there');
  assert.equal(await guardOverlap('move', at('a'), at('a/'), none), 'already-there');
  assert.equal(await guardOverlap('move', at('d/F'), at('d'), none, { name: 'F' }), 'already-there');
  assert.equal(await guardOverlap('copy', at('d/F'), at('d'), none, { name: 'F' }), 'already-there');
  assert.equal(await guardOverlap('move', at('d/F'), at('d'), none, { name: 'G' }), 'run');
});

test('a file moved into itself is refused; a case-only rename on a case-insensitive remote too', async () => {
  await refused(() => guardOverlap('move', at('d/F'), at('d/F'), none, { name: 'F' }), /the destination directory is the source file itself/);
  await assert.rejects(() => guardOverlap('move', at('d/F', true), at('d', true), none, { name: 'f' }),
    (err: Error & { code?: string }) => err.code === 'ERR_CASE_ONLY_RENAME' && /differ only in case/.test(err.message));
  assert.equal(await guardOverlap('copy', at('d/F', true), at('d', true), none, { name: 'f' }), 'already-there');
  assert.equal(await guardOverlap('move', at('d/F', true), at('D', true), none, { name: 'F' }), 'already-there');
  await assert.rejects(() => guardOverlap('move', at('d', true), at('D', true), none), (err: Error & { code?: string }) => err.code === 'ERR_CASE_ONLY_RENAME');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OverlappingRemotesError } from '../errors/index.js';
import { Filter } from '../filter/index.js';
import { guardOverlap } from './overlap-guard.js';

const at = (path: string, caseInsensitive = false) => ({ store: 'acd:r', path, caseInsensitive });
const none = new Filter();
const refused = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err: Error) => err instanceof OverlappingRemotesError && err.exitCode === 7 && pattern.test(err.message));

test('sync and move refuse every overlap; sync of a directory onto itself too', () => {
  refused(() => guardOverlap('sync', at('a/backup'), at('a'), none), /^can't sync or move files on overlapping remotes: the source is inside/);
  refused(() => guardOverlap('sync', at('a'), at('a/backup'), none), /the destination is inside the source \(at "backup"\)/);
  refused(() => guardOverlap('move', at('a'), at('a/backup'), none), /overlapping remotes/);
  refused(() => guardOverlap('move', at('a/backup'), at('a'), none), /overlapping remotes/);
  refused(() => guardOverlap('sync', at('a'), at('a'), none), /the same directory/);
});

test('copy refuses a destination inside its source, and copies from inside the destination as rclone does', () => {
  refused(() => guardOverlap('copy', at('a'), at('a/backup'), none), /^can't copy files on overlapping remotes/);
  assert.equal(guardOverlap('copy', at('a/backup'), at('a'), none), 'run');
});

test('a destination inside the source is allowed when a filter excludes it, or any directory above it', () => {
  assert.equal(guardOverlap('sync', at('a'), at('a/backup'), new Filter({ exclude: ['/backup/**'] })), 'run');
  assert.equal(guardOverlap('sync', at('a'), at('a/b/c'), new Filter({ exclude: ['/b/**'] })), 'run');
  refused(() => guardOverlap('sync', at('a'), at('a/backup'), new Filter({ exclude: ['*.tmp'] })), /overlapping/);
});

test('the same directory is nothing to do for copy and move; the same file for every mode', () => {
  assert.equal(guardOverlap('copy', at('a'), at('a'), none), 'already-there');
  assert.equal(guardOverlap('move', at('a'), at('a/'), none), 'already-there');
  assert.equal(guardOverlap('move', at('d/F'), at('d'), none, { name: 'F' }), 'already-there');
  assert.equal(guardOverlap('copy', at('d/F'), at('d'), none, { name: 'F' }), 'already-there');
  assert.equal(guardOverlap('move', at('d/F'), at('d'), none, { name: 'G' }), 'run');
});

test('a file moved into itself is refused; a case-only rename on a case-insensitive remote too', () => {
  refused(() => guardOverlap('move', at('d/F'), at('d/F'), none, { name: 'F' }), /the destination directory is the source file itself/);
  assert.throws(() => guardOverlap('move', at('d/F', true), at('d', true), none, { name: 'f' }),
    (err: Error & { code?: string }) => err.code === 'ERR_CASE_ONLY_RENAME' && /differ only in case/.test(err.message));
  assert.equal(guardOverlap('copy', at('d/F', true), at('d', true), none, { name: 'f' }), 'already-there');
  assert.equal(guardOverlap('move', at('d/F', true), at('D', true), none, { name: 'F' }), 'already-there');
  assert.throws(() => guardOverlap('move', at('d', true), at('D', true), none), (err: Error & { code?: string }) => err.code === 'ERR_CASE_ONLY_RENAME');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsafeNameError } from '../errors/index.js';
import { assertSafeName, cleanRemotePath, joinPath } from './safe-join.js';
import { parseRemotePath } from './remote-path.js';

test('names that could leave the root are refused', () => {
  for (const bad of ['', '.', '..', 'a/b', '../x', 'nul\0byte']) {
    assert.throws(() => joinPath('dir', bad), UnsafeNameError, JSON.stringify(bad));
  }
  assert.equal(joinPath('', 'a'), 'a');
  assert.equal(joinPath('a/b', 'c d é'), 'a/b/c d é');
  assert.doesNotThrow(() => assertSafeName('...'));
  assert.doesNotThrow(() => assertSafeName('a\\b'));
});

test('user paths inside a remote are cleaned and may not climb out', () => {
  assert.equal(cleanRemotePath('/backup//x/'), 'backup/x');
  assert.equal(cleanRemotePath(''), '');
  assert.equal(cleanRemotePath('./a/./b'), 'a/b');
  assert.throws(() => cleanRemotePath('a/../../etc'), UnsafeNameError);
});

test('remote:path names a remote; anything else is local', () => {
  assert.deepEqual(parseRemotePath('remote:backup/x'), { remote: 'remote', path: 'backup/x', text: 'remote:backup/x' });
  assert.deepEqual(parseRemotePath('remote:'), { remote: 'remote', path: '', text: 'remote:' });
  assert.deepEqual(parseRemotePath('my remote-1:a'), { remote: 'my remote-1', path: 'a', text: 'my remote-1:a' });
  assert.equal(parseRemotePath('/tmp/a:b').remote, undefined);
  assert.equal(parseRemotePath('./a:b').remote, undefined);
  assert.equal(parseRemotePath('docs').remote, undefined);
  assert.equal(parseRemotePath('a/b:c').remote, undefined);
});

test('an empty path is refused rather than taken for the current directory', () => {
  assert.throws(() => parseRemotePath(''), (err: Error & { code?: string; exitCode?: number }) =>
    err.code === 'ERR_EMPTY_PATH' && err.exitCode === 1 && err.message === "can't use empty string as a path");
  assert.equal(parseRemotePath('.').path, '.');
});

test(':type:path is an on-the-fly remote of that backend type; options in it are refused', () => {
  assert.deepEqual(parseRemotePath(':local:/tmp/x'), { type: 'local', path: '/tmp/x', text: ':local:/tmp/x' });
  assert.deepEqual(parseRemotePath(':s3:bucket/a'), { type: 's3', path: 'bucket/a', text: ':s3:bucket/a' });
  assert.throws(() => parseRemotePath(':s3,provider=AWS:bucket'), /options in an on-the-fly remote/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DropboxError, Failure } from './errors.js';
import { parsePathArg } from './paths.js';

const parse = (v: unknown, allowRoot = false): ReturnType<typeof parsePathArg> => parsePathArg('files/x', 'path', v, 'lookup', allowRoot);

test('paths, id: paths and the root as ""', () => {
  assert.deepEqual(parse('/A/b.txt'), { kind: 'path', segments: ['A', 'b.txt'] });
  assert.deepEqual(parse('id:abc/x'), { kind: 'id', id: 'id:abc', segments: ['x'] });
  assert.deepEqual(parse('', true), { kind: 'path', segments: [] });
});

test('"//a" and "/a/" read as "/a", as the service does', () => {
  assert.deepEqual(parse('//a'), { kind: 'path', segments: ['a'] });
  assert.deepEqual(parse('/a/'), { kind: 'path', segments: ['a'] });
});

test('a path not matching the pattern, "/" for the root or a wrong type is a 400 naming the field', () => {
  for (const bad of ['a/b', '/', 42, '']) {
    assert.throws(() => parse(bad, bad === '/'), (e: unknown) => e instanceof DropboxError && e.status === 400 && String(e.body).includes('path'));
  }
});

test('"." and "..", backslashes, DEL, trailing spaces, lone surrogates and names over 255 are malformed_path', () => {
  assert.deepEqual(parse(`/${'n'.repeat(255)}`).segments, ['n'.repeat(255)]);
  for (const bad of ['/a/../b', '/./a', '/a\\b', '/a /b', '/a\x7fb', '/a\ud800b', `/${'n'.repeat(256)}`]) {
    assert.throws(() => parse(bad), (e: unknown) => e instanceof Failure && e.reason['.tag'] === 'malformed_path', bad);
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isObscured, NotObscuredError, obscure, reveal } from './obscure.js';

// rclone's own vectors (fs/config/obscure/obscure_test.go): the same IV gives the same text.
const VECTORS = [
  { plain: '', iv: 'aaaaaaaaaaaaaaaa', obscured: 'YWFhYWFhYWFhYWFhYWFhYQ' },
  { plain: 'potato', iv: 'aaaaaaaaaaaaaaaa', obscured: 'YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ' },
  { plain: 'potato', iv: 'bbbbbbbbbbbbbbbb', obscured: 'YmJiYmJiYmJiYmJiYmJiYp3gcEWbAw' },
];

test('obscure with a given IV writes exactly what rclone writes', () => {
  for (const v of VECTORS) assert.equal(obscure(v.plain, Buffer.from(v.iv)), v.obscured);
});

test('reveal reads rclone\'s obscured values', () => {
  for (const v of VECTORS) assert.equal(reveal(v.obscured), v.plain);
});

test('obscure picks a new IV each time, and reveal undoes it', () => {
  const a = obscure('hunter2 ünï');
  const b = obscure('hunter2 ünï');
  assert.notEqual(a, b);
  assert.equal(reveal(a), 'hunter2 ünï');
  assert.equal(reveal(b), 'hunter2 ünï');
});

test('a value that is not obscured is refused with rclone\'s words', () => {
  assert.throws(() => reveal('abc!'), (e: unknown) => e instanceof NotObscuredError && /base64 decode failed/.test(e.message));
  assert.throws(() => reveal('abc'), /input too short when revealing password - is it obscured\?/);
  assert.throws(() => reveal('YWFh YWFh'), /base64 decode failed/);
  assert.equal(isObscured('YWFhYWFhYWFhYWFhYWFhYQ'), true);
  assert.equal(isObscured('hunter2'), false);
});

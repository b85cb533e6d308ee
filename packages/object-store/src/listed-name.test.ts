import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameCodec, NotFoundError, type UnsafeNameError } from '@rsyncish/core';
import { listedName } from './listed-name.js';
import { unlessGone } from './unless-gone.js';

test('a listed name that cannot be a name is skipped and told, others pass as the engine names them', () => {
  const names = NameCodec.parse('Slash,InvalidUtf8,Dot');
  const skipped: string[] = [];
  const skip = (name: string, err: UnsafeNameError) => skipped.push(`${name}: ${err.code}`);
  assert.equal(listedName('a.txt', names, skip), 'a.txt');
  assert.equal(listedName('', names, skip), undefined);
  assert.equal(skipped.length, 1);
});

test('a lookup whose object is gone gives undefined; other failures still fail', async () => {
  assert.equal(await unlessGone(Promise.resolve(7)), 7);
  assert.equal(await unlessGone(Promise.reject(new NotFoundError('gone'))), undefined);
  await assert.rejects(unlessGone(Promise.reject(new Error('boom'))), /boom/);
});

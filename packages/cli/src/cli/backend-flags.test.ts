import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { extractBackendFlags } from './backend-flags.js';

// A tiny definition standing in for a plugin: only its options matter here.
const acd = {
  apiVersion: BACKEND_API_VERSION,
  type: 'acd',
  description: 'test',
  options: [
    { name: 'templink_threshold', help: '', type: 'size', default: '9G' },
    { name: 'checkpoint', help: '', type: 'bool' },
  ],
  capabilities: {} as BackendDefinition['capabilities'],
  create: () => { throw new Error('not used'); },
} satisfies BackendDefinition;

test('--<type>-<option>=value is taken out of argv and kept by type and snake_case option', () => {
  const r = extractBackendFlags(['copy', '--acd-templink-threshold=9G', 'a', 'b', '-v'], [acd]);
  assert.deepEqual(r.argv, ['copy', 'a', 'b', '-v']);
  assert.deepEqual(r.values, { acd: { templink_threshold: '9G' } });
});

test('a value may be the next argument; a bool option takes none unless given with =', () => {
  const r = extractBackendFlags(['--acd-templink-threshold', '1G', '--acd-checkpoint', 'src', '--acd-checkpoint=false'], [acd]);
  assert.deepEqual(r.argv, ['src']);
  assert.deepEqual(r.values, { acd: { templink_threshold: '1G', checkpoint: 'false' } });
});

test('unknown types and options, and anything after --, stay for oclif', () => {
  const r = extractBackendFlags(['--acd-nope=1', '--s3-region=x', '--', '--acd-checkpoint'], [acd]);
  assert.deepEqual(r.argv, ['--acd-nope=1', '--s3-region=x', '--', '--acd-checkpoint']);
  assert.deepEqual(r.values, {});
});

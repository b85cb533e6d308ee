import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { offerCoreTo } from './offer-core.js';

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;

test('a first install gets the data dir package.json oclif would write, with the CLI\'s core as a file: dependency', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'rsyncish-offer-')), 'data');
  await offerCoreTo(dataDir, '/opt/rsyncish/node_modules/@rsyncish/core');
  assert.deepEqual(read(dataDir), {
    private: true,
    dependencies: { '@rsyncish/core': 'file:/opt/rsyncish/node_modules/@rsyncish/core' },
    oclif: { plugins: [], schema: 1 },
  });
});

test('installed plugins are kept and a moved core is pointed to again', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rsyncish-offer-'));
  const existing = {
    name: 'rsyncish',
    dependencies: { 'rsyncish-backend-x': '^1.0.0', '@rsyncish/core': 'file:/old/place' },
    oclif: { plugins: [{ name: 'rsyncish-backend-x', tag: 'latest', type: 'user' }], schema: 1 },
    private: true,
  };
  writeFileSync(join(dataDir, 'package.json'), JSON.stringify(existing));
  await offerCoreTo(dataDir, '/new/place');
  assert.deepEqual(read(dataDir), { ...existing, dependencies: { 'rsyncish-backend-x': '^1.0.0', '@rsyncish/core': 'file:/new/place' } });
});

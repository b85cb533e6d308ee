import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { capabilitiesOf } from '@rsyncish/core';
import { capabilitiesBeyond, createTestContext } from '@rsyncish/testkit';
import { localBackend } from './definition.js';

test('a local remote with no_set_modtime and case_insensitive declares so, within what its type can do', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'rsyncish-local-caps-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const ctx = createTestContext({ definition: localBackend, options: { no_set_modtime: 'true', case_insensitive: 'true' }, root });
  const backend = await localBackend.create(ctx);
  t.after(() => backend.close?.());
  assert.equal(backend.capabilities.modTime.write, false);
  assert.equal(backend.capabilities.caseInsensitive, true);
  // The type, as `rsyncish backends` shows it, still writes modtimes.
  assert.equal(localBackend.capabilities.modTime.write, true);
  assert.deepEqual(capabilitiesBeyond(capabilitiesOf(backend), localBackend.capabilities), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Config } from '@oclif/core';
import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { loadBackends } from './load-backends.js';

const def = (type: string, apiVersion = BACKEND_API_VERSION) => ({
  apiVersion,
  type,
  description: type,
  options: [],
  capabilities: { hashes: [], modTime: { read: true, write: true, precisionMs: 1 }, caseInsensitive: false, deleteIsTrash: false, emptyDirs: true, recursiveList: false },
  create: () => { throw new Error('not opened here'); },
}) satisfies BackendDefinition;

/** The two things loadBackends reads from oclif's Config: the hook's outcome and the plugin order. */
function configWith(outcome: { successes: unknown[]; failures: unknown[] }, order: string[]): Config {
  return { runHook: async () => outcome, plugins: new Map(order.map((n) => [n, {}])) } as unknown as Config;
}

test('definitions from every plugin are registered; each bad plugin is one problem naming it', async () => {
  const { registry, problems } = await loadBackends(configWith({
    successes: [
      { plugin: { name: 'late' }, result: [def('mem')] },
      { plugin: { name: 'good' }, result: [def('mem'), def('local')] },
      { plugin: { name: 'old' }, result: [def('x', 0), def('y', 0)] },
      { plugin: { name: 'odd' }, result: 'nope' },
    ],
    failures: [{ plugin: { name: 'broken' }, error: new Error('boom') }],
  }, ['good', 'late', 'old', 'odd', 'broken']));
  assert.deepEqual(registry.all().map((d) => d.type), ['local', 'mem']);
  // Registration follows plugin order, not hook completion order: "good" owns mem.
  assert.equal(registry.pluginOf('mem'), 'good');
  assert.deepEqual(problems.map((p) => p.plugin), ['late', 'old', 'odd', 'broken']);
  assert.match(problems[0].reason, /"mem" is already registered by good/);
  assert.match(problems[1].reason, /API version 0.*; .*API version 0/);
  assert.match(problems[2].reason, /not a list of backend definitions/);
  assert.match(problems[3].reason, /hook failed: boom/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Config } from '@oclif/core';
import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { BACKENDS_HOOK_TIMEOUT_MS, loadBackends } from './load-backends.js';

const def = (type: string, apiVersion = BACKEND_API_VERSION) => ({
  apiVersion,
  type,
  description: type,
  options: [],
  capabilities: { hashes: [], modTime: { read: true, write: true, precisionMs: 1 }, caseInsensitive: false, deleteIsTrash: false, emptyDirs: true },
  create: () => { throw new Error('not opened here'); },
}) satisfies BackendDefinition;

/** What loadBackends reads from oclif's Config: the hook's outcome, the CLI's name and its built-in plugins in order. */
function configWith(outcome: { successes: unknown[]; failures: unknown[] }, corePlugins: string[] = []): Config {
  return { runHook: async () => outcome, name: 'rsyncish', pjson: { oclif: { plugins: corePlugins } } } as unknown as Config;
}

const core = (name: string) => ({ name, type: 'core' });
const user = (name: string) => ({ name, type: 'user' });
const link = (name: string) => ({ name, type: 'link' });

test('definitions from every plugin are registered; each bad plugin is one problem naming it', async () => {
  const { registry, problems } = await loadBackends(configWith({
    successes: [
      { plugin: user('old'), result: [def('x', 3), def('y', 3)] },
      { plugin: core('late'), result: [def('mem')] },
      { plugin: core('good'), result: [def('mem'), def('local')] },
      { plugin: link('odd'), result: 'nope' },
    ],
    failures: [{ plugin: user('broken'), error: new Error('boom') }],
  }, ['good', 'late']));
  assert.deepEqual(registry.all().map((d) => d.type), ['local', 'mem']);
  // Built-in plugins register in package.json order, whatever order their hooks finished in: "good" owns mem.
  assert.equal(registry.pluginOf('mem'), 'good');
  assert.deepEqual(problems, [
    { plugin: 'late', reason: 'not loaded: backend type "mem" is already registered by good' },
    { plugin: 'broken', reason: 'not loaded: its rsyncish:backends hook failed: boom' },
    // Two definitions refused for one cause: the cause is said once.
    { plugin: 'old', reason: 'not loaded: built for backend API version 3, this rsyncish supports version 2' },
    { plugin: 'odd', reason: 'not loaded: its rsyncish:backends hook returned string, not a list of backend definitions' },
  ]);
});

test('an installed plugin cannot take a built-in type, however the hooks race; installed plugins rank by name', async () => {
  const { registry, problems } = await loadBackends(configWith({
    successes: [
      { plugin: user('zz-other'), result: [def('s3')] },
      { plugin: user('aa-impostor'), result: [def('local')] },
      { plugin: user('aa-s3'), result: [def('s3')] },
      { plugin: core('@rsyncish/plugin-local'), result: [def('local')] },
    ],
    failures: [],
  }, ['@rsyncish/plugin-local']));
  assert.equal(registry.pluginOf('local'), '@rsyncish/plugin-local');
  assert.equal(registry.pluginOf('s3'), 'aa-s3');
  assert.deepEqual(problems.map((p) => p.plugin), ['aa-impostor', 'zz-other']);
  assert.match(problems[0].reason, /"local" is already registered by @rsyncish\/plugin-local/);
});

test('a plugin with several hooks, some failing, is still one problem on one line', async () => {
  const { registry, problems } = await loadBackends(configWith({
    successes: [{ plugin: user('multi'), result: [def('one'), def('local'), def('two', 0)] }],
    failures: [{ plugin: user('multi'), error: new Error('second hook:\n  at somewhere (x.js:1:1)') }],
  }));
  assert.deepEqual(registry.all().map((d) => d.type), ['local', 'one']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].plugin, 'multi');
  assert.equal(problems[0].reason,
    'loaded one, local; not loaded: built for backend API version 0, this rsyncish supports version 2; ' +
    'its rsyncish:backends hook failed: second hook: at somewhere (x.js:1:1)');
});

test('errors shaped like core\'s keep their hint in the problem', async () => {
  const error = Object.assign(new Error('no licence'), { code: 'ERR_FATAL', hint: 'set licence_key' });
  const { problems } = await loadBackends(configWith({ successes: [], failures: [{ plugin: user('p'), error }] }));
  assert.equal(problems[0].reason, 'not loaded: its rsyncish:backends hook failed: no licence (hint: set licence_key)');
});

test('the hook runs with a timeout and with errors captured, so no plugin can stop the start', async () => {
  const calls: unknown[][] = [];
  const config = { runHook: async (...args: unknown[]) => { calls.push(args); return { successes: [], failures: [] }; }, name: 'rsyncish', pjson: { oclif: {} } } as unknown as Config;
  await loadBackends(config);
  assert.deepEqual(calls, [['rsyncish:backends', {}, BACKENDS_HOOK_TIMEOUT_MS, true]]);
});

test('a plugin built for backend API version 1 loads through the compatibility layer: no problem, one notice', async () => {
  const { registry, problems } = await loadBackends(configWith({
    successes: [{ plugin: user('old-but-fine'), result: [def('olda', 1), def('oldb', 1)] }],
    failures: [],
  }, []));
  assert.deepEqual(registry.all().map((d) => [d.type, d.apiVersion]), [['olda', 2], ['oldb', 2]]);
  assert.deepEqual(problems, []);
  assert.equal(registry.compatibilityNotices().length, 1);
  assert.match(registry.compatibilityNotices()[0]!, /^plugin old-but-fine uses backend API version 1; it works through a compatibility layer - upgrade it/);
});

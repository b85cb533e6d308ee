// oclif.manifest.json keeps the global flags on one command (GLOBAL_FLAGS_HOST)
// and marks the others, so oclif parses a tenth of the file at every start;
// help and completion read the global flags from that command.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rsyncish } from './helpers.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const CLI = join(ROOT, 'packages', 'cli');
const { globalFlagsOnce } = await import(pathToFileURL(join(CLI, 'scripts', 'write-manifest.mjs')).href);
const { GLOBAL_FLAGS_HOST } = await import(pathToFileURL(join(CLI, 'dist', 'help', 'leading-flags.js')).href);

const flag = (description, extra = {}) => ({ name: description, type: 'boolean', description, allowNo: false, ...extra });

test('a flag held exactly as the host holds it is left out and the command marked; any other stays', () => {
  const host = { id: GLOBAL_FLAGS_HOST, flags: { verbose: flag('verbose'), dry: flag('dry') } };
  const manifest = {
    version: '1',
    commands: {
      [GLOBAL_FLAGS_HOST]: host,
      ls: { id: 'ls', flags: { verbose: flag('verbose'), dry: flag('dry'), max: flag('max') } },
      // Its own flag of a global name, described otherwise: kept whole.
      check: { id: 'check', flags: { verbose: flag('verbose'), dry: flag('dry', { helpGroup: 'CHECK' }) } },
      // A command of another base class, without the global flags.
      plain: { id: 'plain', flags: { force: flag('force') } },
    },
  };
  const out = globalFlagsOnce(manifest);
  assert.deepEqual(out.commands[GLOBAL_FLAGS_HOST], host);
  assert.deepEqual(out.commands.ls, { id: 'ls', flags: { max: flag('max') }, globalFlags: GLOBAL_FLAGS_HOST });
  assert.deepEqual(out.commands.check, { id: 'check', flags: { dry: flag('dry', { helpGroup: 'CHECK' }) }, globalFlags: GLOBAL_FLAGS_HOST });
  assert.deepEqual(out.commands.plain, manifest.commands.plain);
  assert.equal(out.version, '1');
});

test('the built manifest holds the global flags on the host only, and a marked command\'s help still points to them', async () => {
  const manifest = JSON.parse(readFileSync(join(CLI, 'oclif.manifest.json'), 'utf8'));
  const hostFlags = Object.keys(manifest.commands[GLOBAL_FLAGS_HOST].flags);
  assert.ok(hostFlags.includes('dry-run') && hostFlags.includes('include'), 'the host carries the global flags');
  const marked = Object.values(manifest.commands).filter((c) => c.globalFlags === GLOBAL_FLAGS_HOST);
  assert.ok(marked.some((c) => c.id === 'ls'), 'ls is marked');
  for (const c of marked) assert.ok(!Object.hasOwn(c.flags, 'dry-run'), `${c.id} repeats --dry-run`);
  const help = await rsyncish(['ls', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /GLOBAL FLAGS\n\s+Run "rsyncish help flags" to see the global flags\./);
  const flags = await rsyncish(['help', 'flags', 'dry-run']);
  assert.equal(flags.code, 0, flags.stderr);
  assert.match(flags.stdout, /--dry-run/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEnvFlags, envName, type FlagShape } from './env-flags.js';

const FLAGS: Record<string, FlagShape> = {
  'dry-run': { type: 'boolean', char: 'n' },
  verbose: { type: 'boolean', char: 'v' },
  transfers: { type: 'option', default: 4 },
  'log-level': { type: 'option' },
  exclude: { type: 'option', multiple: true },
  config: { type: 'option' },
};

const apply = (argv: string[], env: Record<string, string>, verbosity = 0) => applyEnvFlags(argv, verbosity, FLAGS, env);

test('a flag name maps to RSYNCISH_ and its upper-case name with _ for -', () => {
  assert.equal(envName('dry-run'), 'RSYNCISH_DRY_RUN');
  assert.equal(envName('low-level-retries'), 'RSYNCISH_LOW_LEVEL_RETRIES');
});

test('variables become flags before the command line, and the command line wins', () => {
  assert.deepEqual(apply(['a', 'b'], { RSYNCISH_DRY_RUN: 'true', RSYNCISH_TRANSFERS: '8' }).argv, ['--dry-run', '--transfers=8', 'a', 'b']);
  assert.deepEqual(apply(['--transfers', '2', 'a'], { RSYNCISH_TRANSFERS: '8' }).argv, ['--transfers', '2', 'a']);
  assert.deepEqual(apply(['-n', 'a'], { RSYNCISH_DRY_RUN: 'false' }).argv, ['-n', 'a']);
  assert.deepEqual(apply(['--dry-run=false', 'a'], { RSYNCISH_DRY_RUN: 'true' }).argv, ['a']);
  assert.deepEqual(apply(['--dry-run=true', 'a'], {}).argv, ['--dry-run', 'a']);
  assert.deepEqual(apply(['a'], { RSYNCISH_DRY_RUN: 'F' }).argv, ['a']);
});

test('a repeatable flag adds its one value to the command line\'s; RSYNCISH_CONFIG is left to the config path', () => {
  assert.deepEqual(apply(['--exclude', 'x', 'a'], { RSYNCISH_EXCLUDE: '*.log,*.tmp' }).argv, ['--exclude=*.log,*.tmp', '--exclude', 'x', 'a']);
  assert.deepEqual(apply(['a'], { RSYNCISH_CONFIG: '/c' }).argv, ['a']);
});

test('RSYNCISH_VERBOSE is the count of -v, unless -v was given', () => {
  assert.equal(apply(['a'], { RSYNCISH_VERBOSE: '2' }).verbosity, 2);
  assert.equal(apply(['a'], { RSYNCISH_VERBOSE: 'true' }).verbosity, 1);
  assert.equal(apply(['a'], { RSYNCISH_VERBOSE: '2' }, 1).verbosity, 1);
});

test('each variable used is named for the DEBUG log', () => {
  assert.deepEqual(apply(['a'], { RSYNCISH_LOG_LEVEL: 'DEBUG' }).used, ['Setting --log-level "DEBUG" from environment variable RSYNCISH_LOG_LEVEL="DEBUG"']);
});

test('a bad value is refused naming the variable', () => {
  assert.throws(() => apply(['a'], { RSYNCISH_DRY_RUN: 'yes' }), /invalid value "yes" when setting --dry-run from environment variable RSYNCISH_DRY_RUN/);
  assert.throws(() => apply(['a'], { RSYNCISH_TRANSFERS: '8x' }), /invalid value "8x" when setting --transfers/);
  assert.throws(() => apply(['--dry-run=maybe', 'a'], {}), /invalid value "maybe" for --dry-run/);
  assert.throws(() => apply(['a'], { RSYNCISH_VERBOSE: 'lots' }), /RSYNCISH_VERBOSE/);
});

test('nothing after -- is read as a flag', () => {
  assert.deepEqual(apply(['--', '--dry-run=false'], { RSYNCISH_DRY_RUN: 'true' }).argv, ['--dry-run', '--', '--dry-run=false']);
});

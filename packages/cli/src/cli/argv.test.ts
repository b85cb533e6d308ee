import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseArgv } from './argv.js';

test('-v counts once, -vv twice, and oclif sees a single --verbose', () => {
  assert.deepEqual(normaliseArgv(['ls', '-v', 'x']), { argv: ['ls', 'x', '--verbose'], verbosity: 1 });
  assert.deepEqual(normaliseArgv(['-vv', 'x']), { argv: ['x', '--verbose'], verbosity: 2 });
  assert.deepEqual(normaliseArgv(['-v', '--verbose', '-v']), { argv: ['--verbose'], verbosity: 3 });
  assert.deepEqual(normaliseArgv(['x']), { argv: ['x'], verbosity: 0 });
});

test('clusters of boolean short flags are split, others are left for oclif', () => {
  assert.deepEqual(normaliseArgv(['-vn', 'a']).argv, ['-n', 'a', '--verbose']);
  assert.deepEqual(normaliseArgv(['-qc']).argv, ['-q', '-c']);
  // -x is not a boolean short flag we know: oclif reports it as unknown, whole.
  assert.deepEqual(normaliseArgv(['-vx']).argv, ['-vx']);
});

test('nothing after -- is touched', () => {
  assert.deepEqual(normaliseArgv(['-v', '--', '-vv', '-v']), { argv: ['--', '-vv', '-v', '--verbose'], verbosity: 1 });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCommandLine, type CommandTable } from './command-line.js';

const table: CommandTable = {
  ids: ['copy', 'cat', 'lsd', 'listremotes', 'config', 'config:create', 'config:show', 'plugins', 'plugins:install', 'help'],
  flags: [
    { name: 'verbose', char: 'v', takesValue: false },
    { name: 'progress', char: 'P', takesValue: false },
    { name: 'config', takesValue: true },
    { name: 'transfers', takesValue: true },
    { name: 'filter', char: 'f', takesValue: true },
    { name: 'help', char: 'h', takesValue: false },
  ],
};

test('global flags before the command move after it, values and all', () => {
  assert.deepEqual(readCommandLine(['-v', '--config', 'x.conf', 'lsd', 'r:'], table), { id: 'lsd', argv: ['-v', '--config', 'x.conf', 'r:'], help: false });
  assert.deepEqual(readCommandLine(['--transfers=8', '-vP', 'copy', 'a', 'b'], table).argv, ['--transfers=8', '-vP', 'a', 'b']);
  assert.deepEqual(readCommandLine(['-f', '- *.tmp', 'copy', 'a', 'b'], table).argv, ['-f', '- *.tmp', 'a', 'b']);
  assert.deepEqual(readCommandLine(['-vf', '- x', 'copy', 'a', 'b'], table).argv, ['-vf', '- x', 'a', 'b']);
});

test('a command of several words is found whole, and its arguments are never part of it', () => {
  assert.equal(readCommandLine(['--config', 'c', 'config', 'create', 'r', 'local'], table).id, 'config:create');
  assert.deepEqual(readCommandLine(['lsd', 'acd:'], table), { id: 'lsd', argv: ['acd:'], help: false });
  assert.deepEqual(readCommandLine(['listremotes', 'extra'], table).argv, ['extra']);
  assert.equal(readCommandLine(['plugins', 'install', './p.tgz'], table).id, 'plugins:install');
});

test('an unknown leading flag takes the next argument unless that names a command', () => {
  assert.deepEqual(readCommandLine(['--s3-endpoint', 'http://h', 'lsd', 'r:'], table).argv, ['--s3-endpoint', 'http://h', 'r:']);
  assert.deepEqual(readCommandLine(['--bogus', 'lsd', 'r:'], table), { id: 'lsd', argv: ['--bogus', 'r:'], help: false });
});

test('-h and --help anywhere before -- ask for help', () => {
  assert.deepEqual(readCommandLine(['-h', 'copy'], table), { id: 'copy', argv: ['-h'], help: true });
  assert.equal(readCommandLine(['copy', 'a', '--help'], table).help, true);
  assert.equal(readCommandLine(['cat', '--', '-h'], table).help, false);
  assert.equal(readCommandLine(['-v'], table).id, undefined);
});

test('a mistyped command is one usage error naming it, with what it may have meant', () => {
  assert.throws(() => readCommandLine(['cpy', 'a', 'b'], table), (err: Error & { code?: string; hint?: string }) => {
    assert.equal(err.message, 'unknown command "cpy" for "rsyncish"');
    assert.equal(err.code, 'ERR_UNKNOWN_COMMAND');
    assert.match(err.hint ?? '', /^did you mean "cat" or "copy"\?/);
    return true;
  });
  assert.throws(() => readCommandLine(['-v', 'about', 'acd:'], table), /unknown command "about" for "rsyncish"/);
});

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, sandbox } from '../testing/run-cli.js';

/** Exactly one line on stderr, no stack trace, and the exit code. */
async function oneLineError(args: string[], env: NodeJS.ProcessEnv, code: number, pattern: RegExp): Promise<void> {
  const r = await runCli(args, { env });
  assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^ERROR : /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

test('usage mistakes are one line and exit 1, as rclone\'s usage errors', async () => {
  const { env } = await sandbox();
  await oneLineError(['frobnicate'], env, 1, /unknown command "frobnicate"/);
  await oneLineError(['ls', '--no-such-flag', '/tmp'], env, 1, /--no-such-flag/);
  await oneLineError(['copy', '/tmp'], env, 1, /Missing 1 required arg/);
  await oneLineError(['ls', '--transfers', 'many', '/tmp'], env, 1, /--transfers/);
  await oneLineError(['ls', '--stats', 'soon', '/tmp'], env, 1, /--stats/);
});

test('an unknown remote is exit 1 and names the remote', async () => {
  const { env } = await sandbox();
  await oneLineError(['ls', 'nosuch:path'], env, 1, /remote "nosuch"/);
});

test('a malformed config file is exit 1 naming file:line', async () => {
  const { env, config } = await sandbox();
  await fs.writeFile(config, '[ok]\ntype = local\nthis line is wrong\n');
  await oneLineError(['listremotes'], env, 1, new RegExp(`${config.replace(/[.]/g, '\\.')}:3`));
});

test('a backend option flag reaches the backend and is checked there', async () => {
  const { dir, env } = await sandbox();
  await fs.writeFile(join(dir, 'f'), 'x');
  const ok = await runCli(['ls', '--local-skip-links', dir], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^ +1 f$/m);
  await oneLineError(['ls', '--local-skip-links=perhaps', dir], env, 1, /skip_links.*"perhaps"/);
});

test('-vv shows a stack for errors, -v does not', async () => {
  const { env } = await sandbox();
  const r = await runCli(['ls', '-vv', 'nosuch:'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /\n\s+at /);
});

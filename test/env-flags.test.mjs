// Every flag can come from the environment as rclone's RCLONE_<FLAG> can:
// RSYNCISH_<FLAG>, with the command line winning. Compared with rclone where
// the outcome is a tree or an exit code.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { noLocalRclone, rclone } from './support/local-rclone.mjs';

function setup(prefix) {
  const dir = tempDir(`rsyncish-env-${prefix}-`);
  makeTree(dir, { 's/a.txt': 'alpha\n', 's/b.log': 'beta\n', 's/sub/c.txt': 'gamma\n' });
  return { dir, src: join(dir, 's'), config: join(dir, 'none.conf') };
}

test('RSYNCISH_DRY_RUN=true makes a copy a dry run, as RCLONE_DRY_RUN=true does', { skip: noLocalRclone }, async () => {
  const s = setup('dry');
  const r = await rsyncish(['copy', s.src, join(s.dir, 'ours')], { config: s.config, env: { RSYNCISH_DRY_RUN: 'true' } });
  const rc = await rclone(['copy', s.src, join(s.dir, 'theirs')], { env: { RCLONE_DRY_RUN: 'true' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(rc.code, 0, rc.stderr);
  assert.equal(existsSync(join(s.dir, 'ours')), false);
  assert.equal(existsSync(join(s.dir, 'theirs')), false);
  assert.match(r.stderr, /NOTICE: a\.txt: Skipped copy as --dry-run is set/);
});

test('the flag wins over the variable: --dry-run=false copies for real', { skip: noLocalRclone }, async () => {
  const s = setup('wins');
  const r = await rsyncish(['copy', '--dry-run=false', s.src, join(s.dir, 'ours')], { config: s.config, env: { RSYNCISH_DRY_RUN: 'true' } });
  const rc = await rclone(['copy', '--dry-run=false', s.src, join(s.dir, 'theirs')], { env: { RCLONE_DRY_RUN: 'true' } });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(rc.code, 0, rc.stderr);
  assert.deepEqual(snapshot(join(s.dir, 'ours')), snapshot(join(s.dir, 'theirs')));
  assert.deepEqual(Object.keys(snapshot(join(s.dir, 'ours'))).sort(), ['a.txt', 'b.log', 'sub/c.txt']);
});

test('RSYNCISH_TRANSFERS and RSYNCISH_LOG_LEVEL are read, and -vv names each variable used', async () => {
  const s = setup('numbers');
  const r = await rsyncish(['copy', s.src, join(s.dir, 'd')], { config: s.config, env: { RSYNCISH_TRANSFERS: '8', RSYNCISH_LOG_LEVEL: 'DEBUG' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /DEBUG : Setting --transfers "8" from environment variable RSYNCISH_TRANSFERS="8"/);
  assert.match(r.stderr, /DEBUG : Setting --log-level "DEBUG" from environment variable RSYNCISH_LOG_LEVEL="DEBUG"/);
  const flagWins = await rsyncish(['copy', '--log-level', 'ERROR', s.src, join(s.dir, 'd2')], { config: s.config, env: { RSYNCISH_LOG_LEVEL: 'DEBUG' } });
  assert.equal(flagWins.code, 0, flagWins.stderr);
  assert.equal(flagWins.stderr, '');
});

test('RSYNCISH_VERBOSE=1 is -v', async () => {
  const s = setup('verbose');
  const r = await rsyncish(['copy', s.src, join(s.dir, 'd')], { config: s.config, env: { RSYNCISH_VERBOSE: '1' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /INFO {2}: a\.txt: Copied \(new\)/);
  assert.doesNotMatch(r.stderr, /DEBUG/);
});

test('a repeatable flag adds up with the command line, and a variable is one value, not a comma list', { skip: noLocalRclone }, async () => {
  const s = setup('exclude');
  for (const [env, flags] of [[{ EXCLUDE: '*.log' }, ['--exclude', 'sub/**']], [{ EXCLUDE: '*.log,*.txt' }, []]]) {
    const prefixed = (p) => Object.fromEntries(Object.entries(env).map(([k, v]) => [`${p}_${k}`, v]));
    const r = await rsyncish(['ls', ...flags, s.src], { config: s.config, env: prefixed('RSYNCISH') });
    const rc = await rclone(['ls', ...flags, s.src], { env: prefixed('RCLONE') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, rc.stdout, JSON.stringify(env));
  }
});

test('a bad value is refused naming the variable, exit 1 as rclone', { skip: noLocalRclone }, async () => {
  const s = setup('bad');
  for (const [name, value] of [['DRY_RUN', 'yes'], ['TRANSFERS', 'many']]) {
    const r = await rsyncish(['copy', s.src, join(s.dir, 'd')], { config: s.config, env: { [`RSYNCISH_${name}`]: value } });
    const rc = await rclone(['copy', s.src, join(s.dir, 'd')], { env: { [`RCLONE_${name}`]: value } });
    assert.equal(rc.code, 1);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^ERROR : invalid value "${value}" when setting --[a-z-]+ from environment variable RSYNCISH_${name} \\(hint: .+\\)\\n$`));
    assert.equal(existsSync(join(s.dir, 'd')), false);
  }
});

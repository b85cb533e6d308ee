// `check` reports everything it finds: a file on one side and a directory of
// its name on the other are a file missing on each side, as in rclone (whose
// report files are compared line for line), and every error is a `!` line, a
// line of --error, and counted in the summary and in the --json summary.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from './helpers.mjs';
import { messages, noRclone, rclone, twin } from './support/rclone-side.mjs';

const REPORTS = ['combined', 'missing-on-src', 'missing-on-dst', 'match', 'differ', 'error'];
const reportFlags = (prefix) => REPORTS.flatMap((r) => [`--${r}`, `${prefix}.${r}`]);
/** rclone writes report lines as its checkers finish: compare them in order. */
const lines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).sort();
/** The summary lines, without the name rclone gives a local root ("Local file system at "). */
const summary = (stderr) => messages(stderr).filter((l) => l.startsWith('NOTICE: ')).map((l) => l.replace('Local file system at ', '')).sort();

describe('check reports everything it finds', { concurrency: 2 }, () => {
  test('a file/directory clash on both sides, with matches, differences and missing files: as rclone', { skip: noRclone }, async () => {
    const dir = tempDir();
    const ours = join(dir, 'ours');
    mkdirSync(ours);
    makeTree(join(ours, 's'), { x: 'a', 'sub/y/deep.txt': 'deep', same: 'same', diff: 'one', 'only-src': 'o' });
    makeTree(join(ours, 'd'), { 'x/z': 'z', 'sub/y': 'file here', same: 'same', diff: 'two', 'only-dst': 'o' });
    const theirs = twin(ours, join(dir, 'theirs'));
    const r = await rsyncish(['check', ...reportFlags(ours), join(ours, 's'), join(ours, 'd')], { config: join(dir, 'c.conf') });
    const c = await rclone(['check', ...reportFlags(theirs), join(theirs, 's'), join(theirs, 'd')], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.code, c.code);
    for (const report of REPORTS) assert.deepEqual(lines(`${ours}.${report}`), lines(`${theirs}.${report}`), report);
    assert.ok(lines(`${ours}.combined`).includes('+ x') && lines(`${ours}.combined`).includes('- x/z'));
    assert.deepEqual(summary(r.stderr).map((l) => l.replace(ours, '')), summary(c.stderr).map((l) => l.replace(theirs, '')));
  });

  test('the reproduction: "mkdir -p s d/x; echo a > s/x; check s d --combined -" lists the clash', { skip: noRclone }, async () => {
    const dir = tempDir();
    const ours = join(dir, 'ours');
    mkdirSync(join(ours, 'd/x'), { recursive: true });
    makeTree(join(ours, 's'), { x: 'a\n' });
    const theirs = twin(ours, join(dir, 'theirs'));
    const r = await rsyncish(['check', join(ours, 's'), join(ours, 'd'), '--combined', '-'], { config: join(dir, 'c.conf') });
    const c = await rclone(['check', join(theirs, 's'), join(theirs, 'd'), '--combined', '-'], dir);
    assert.equal(r.stdout, '+ x\n');
    assert.equal(r.stdout, c.stdout);
    assert.equal(r.code, c.code);
    assert.match(r.stderr, /: 1 differences found/);
  });

  test('errors are report lines and counts: two source names that are one name with --ignore-case-sync', async () => {
    const dir = tempDir();
    makeTree(join(dir, 's'), { 'Hello.txt': 'a', 'hello.txt': 'b', 'ok.txt': 'ok' });
    makeTree(join(dir, 'd'), { 'ok.txt': 'ok' });
    const config = join(dir, 'c.conf');
    writeFileSync(config, '');
    const prefix = join(dir, 'r');
    const r = await rsyncish(['check', '--ignore-case-sync', '--json', ...reportFlags(prefix), join(dir, 's'), join(dir, 'd')], { config });
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(lines(`${prefix}.error`), ['Hello.txt', 'hello.txt']);
    assert.deepEqual(lines(`${prefix}.combined`), ['! Hello.txt', '! hello.txt', '= ok.txt']);
    assert.deepEqual(lines(`${prefix}.match`), ['ok.txt']);
    const events = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const sum = events.find((e) => e.event === 'check-summary');
    assert.equal(sum.errors, 2, JSON.stringify(sum));
    assert.equal(sum.matches, 1);
    assert.equal(events.filter((e) => e.event === 'check-result' && e.outcome === 'error').length, 2);
  });
});

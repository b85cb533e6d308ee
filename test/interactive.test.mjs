// -i/--interactive asks before each destructive step, as rclone 1.60 does:
// the same question and menu bytes on a terminal, the same effect of
// y, n, s, ! and q on the tree, the log and the exit code. Each case runs
// Debian's rclone and rsyncish on identical copies of a tree, answering the
// same way on a pseudo-terminal; one transfer and one checker make the
// order of the questions the same in both.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLI, makeTree, runProgram, snapshot, tempDir } from './helpers.mjs';
import { logLinesOf, noLocalRclone } from './support/local-rclone.mjs';
import { answerInTerminal, noPty } from './support/terminal.mjs';
import { rsyncish } from './helpers.mjs';

const TREE = { 's/a.txt': 'a\n', 's/b.txt': 'bb\n', 's/c.txt': 'ccc\n', 's/d.txt': 'dddd\n', 'd/kept': 'k\n' };
const ONE_AT_A_TIME = ['--transfers', '1', '--checkers', '1'];

/** Both tools on their own copy of `spec`, answering `answers`; paths relative to the copy. */
async function both(spec, args, answers) {
  const rc = tempDir('interactive-rclone-');
  const rs = tempDir('interactive-rsyncish-');
  makeTree(rc, spec);
  makeTree(rs, spec);
  const env = { ...process.env, RSYNCISH_CONFIG: join(rs, 'none.conf') };
  const [a, b] = await Promise.all([
    answerInTerminal('rclone', ['--config', join(rc, 'none.conf'), ...args], answers, { cwd: rc }),
    answerInTerminal(CLI, args, answers, { cwd: rs, env }),
  ]);
  const lines = (r) => logLinesOf(r.err).filter((l) => !/Config file .* not found/.test(l));
  // A local root is named by its path (rclone: "Local file system at <path>"), each tool's copy its own.
  const out = (r, dir) => r.out.replaceAll('Local file system at ', '').replaceAll(dir, '<dir>');
  return {
    rclone: { ...a, out: out(a, rc), lines: lines(a), tree: snapshot(rc) },
    ours: { ...b, out: out(b, rs), lines: lines(b), tree: snapshot(rs) },
  };
}

/** rclone's question for `action` on `subject`, as a terminal shows it. */
function question(action, subject) {
  return [
    `rclone: ${action} "${subject}"?`,
    'y) Yes, this is OK (default)',
    'n) No, skip this',
    `s) Skip all ${action} operations with no more questions`,
    `!) Do all ${action} operations with no more questions`,
    'q) Exit rclone now.',
    'y/n/s/!/q> ',
  ].join('\r\n');
}

const transferred = (err) => /Transferred:\s+(\d+ \/ \d+)/.exec(err.replace(/Transferred:\s+[\d.]+ \S+ \/.*\n/, ''))?.[1];

describe('-i/--interactive on a terminal, as rclone', { skip: noLocalRclone ?? noPty }, () => {
  test('y and n: each file asked about in turn, the refused one skipped and told', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y', 'n', 'y', '']);
    assert.equal(ours.out, r.out);
    assert.equal(ours.out, ['a.txt', 'b.txt', 'c.txt', 'd.txt'].map((f) => question('copy', f)).join(''));
    assert.deepEqual(ours.tree, r.tree);
    assert.equal(ours.tree['d/b.txt'], undefined, 'the file answered n is not copied');
    assert.ok(ours.tree['d/d.txt'], 'Enter alone is the default, yes');
    assert.deepEqual(ours.lines.filter((l) => /Skipped/.test(l)), ['NOTICE: b.txt: Skipped copy as --interactive is set (size 3)']);
    assert.deepEqual(ours.lines.filter((l) => /Skipped/.test(l)), r.lines.filter((l) => /Skipped/.test(l)));
    // As rclone, a refused copy counts as a dry run's: transferred, and the stats are shown at NOTICE.
    assert.equal(transferred(ours.err), '4 / 4');
    assert.equal(transferred(ours.err), transferred(r.err));
    assert.equal(ours.code, 0);
    assert.equal(ours.code, r.code);
  });

  test('s: skip every copy from then on without another question', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y', 's']);
    assert.equal(ours.out, question('copy', 'a.txt') + question('copy', 'b.txt'));
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.deepEqual(Object.keys(ours.tree), ['d/a.txt', 'd/kept', 's/a.txt', 's/b.txt', 's/c.txt', 's/d.txt']);
    assert.deepEqual(ours.lines, r.lines);
    assert.ok(ours.lines.includes('NOTICE: Skipping all copy operations from now on without asking'), ours.lines.join('\n'));
    assert.equal(ours.code, r.code);
  });

  test('!: do every copy from then on without another question', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['n', '!']);
    assert.equal(ours.out, question('copy', 'a.txt') + question('copy', 'b.txt'));
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.deepEqual(Object.keys(ours.tree).filter((p) => p.startsWith('d/')), ['d/b.txt', 'd/c.txt', 'd/d.txt', 'd/kept']);
    assert.ok(ours.lines.includes('NOTICE: Doing all copy operations from now on without asking'), ours.lines.join('\n'));
    assert.equal(ours.code, r.code);
  });

  test('q: exit at once with code 0 and no stats, what was done before it kept', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y', 'q']);
    assert.equal(ours.out, question('copy', 'a.txt') + question('copy', 'b.txt'));
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.ok(ours.tree['d/a.txt'] && !ours.tree['d/b.txt']);
    assert.deepEqual(ours.lines, ['NOTICE: Quitting rclone now']);
    assert.deepEqual(ours.lines, r.lines);
    assert.equal(ours.code, 0);
    assert.equal(ours.code, r.code);
  });

  test('an answer not on the menu is asked again, in rclone\'s words', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['x', 'yes', 'q']);
    assert.match(ours.out, /This value must be one of the following characters: y, n, s, !, q\.\r\ny\/n\/s\/!\/q> This value must be a single character/);
    assert.equal(ours.out, r.out);
    assert.equal(ours.code, r.code);
  });

  test('sync: the copy, the deletion and the emptied directory are each asked about', async () => {
    const spec = { 's/new': 'n\n', 'd/old/f': 'f\n' };
    const { rclone: r, ours } = await both(spec, ['sync', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y', 'n', 'y']);
    assert.equal(ours.out, question('copy', 'new') + question('delete', 'old/f') + question('remove directory', 'old'));
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.ok(ours.tree['d/old/f'], 'the file answered n is kept, so its directory is too');
    assert.deepEqual(ours.lines.filter((l) => /Skipped/.test(l)), ['NOTICE: old/f: Skipped delete as --interactive is set (size 2)']);
    assert.deepEqual(ours.lines.filter((l) => /Skipped/.test(l)), r.lines.filter((l) => /Skipped/.test(l)));
    assert.equal(ours.code, r.code);
  });

  test('move: the server-side directory move, then each file\'s move', async () => {
    const spec = { 's/a': 'a\n', 's/b': 'b\n', 'd/kept': 'k\n' };
    const { rclone: r, ours } = await both(spec, ['move', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y', 'n', 'y']);
    assert.equal(ours.out, r.out);
    assert.ok(ours.out.startsWith(question('server-side directory move', '<dir>/d')), ours.out);
    assert.ok(ours.out.endsWith(question('move', 'a') + question('move', 'b')), ours.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.ok(ours.tree['s/a'] && !ours.tree['d/a'], 'the file answered n stays at its source');
    assert.equal(ours.code, r.code);
  });

  test('--dry-run wins: nothing is asked', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', '--dry-run', 's', 'd'], []);
    assert.equal(ours.out, '');
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.equal(ours.code, r.code);
  });

  test('the end of input at a question: exit 1, the files not yet asked about untouched', async () => {
    const { rclone: r, ours } = await both(TREE, ['copy', '-i', ...ONE_AT_A_TIME, 's', 'd'], ['y']);
    assert.equal(ours.out, r.out);
    assert.deepEqual(ours.tree, r.tree);
    assert.match(ours.err, /ERROR : Failed to read line: EOF \(hint: /);
    assert.equal(ours.code, 1);
    assert.equal(ours.code, r.code);
  });
});

describe('-i/--interactive without rclone', { skip: noPty }, () => {
  test('parallel transfers ask one question at a time, never interleaved', async () => {
    const dir = tempDir();
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s/f${String(i).padStart(2, '0')}`, `${i}\n`]));
    makeTree(dir, files);
    const r = await answerInTerminal(CLI, ['copy', '-i', '--transfers', '4', 's', 'd'], Array(12).fill('y'), {
      cwd: dir, env: { ...process.env, RSYNCISH_CONFIG: join(dir, 'none.conf') },
    });
    assert.equal(r.code, 0, r.err);
    const asked = r.out.split('y/n/s/!/q> ').filter(Boolean);
    assert.equal(asked.length, 12);
    for (const q of asked) assert.match(q, /^rclone: copy "f\d\d"\?\r\ny\) Yes, this is OK \(default\)\r\nn\) No, skip this\r\ns\) Skip all copy operations with no more questions\r\n!\) Do all copy operations with no more questions\r\nq\) Exit rclone now\.\r\n$/);
    assert.deepEqual(Object.keys(snapshot(join(dir, 'd'))), Object.keys(files).map((p) => p.slice(2)));
  });

  test('answers piped on stdin are read one a question (rclone 1.60 reads only the first)', async () => {
    const dir = tempDir();
    makeTree(dir, TREE);
    const r = await pipedAnswers(['copy', '-i', ...ONE_AT_A_TIME, join(dir, 's'), join(dir, 'd')], 'y\nn\ny\nn\n', join(dir, 'none.conf'));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(snapshot(join(dir, 'd'))), ['a.txt', 'c.txt', 'kept']);
  });

  test('-i on a command it does not ask for is refused, not ignored', async () => {
    const dir = tempDir();
    makeTree(dir, TREE);
    const r = await rsyncish(['delete', '-i', join(dir, 'd')], { config: join(dir, 'none.conf') });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR : .*-i\/--interactive.* \(hint: /m);
    assert.ok(snapshot(dir)['d/kept'], 'nothing was deleted');
  });
});

/** rsyncish with `input` written to its stdin through a pipe. */
function pipedAnswers(args, input, config) {
  return runProgram(CLI, args, { env: { ...process.env, RSYNCISH_CONFIG: config }, input });
}

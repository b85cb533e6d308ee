// The command line as rclone users type it, side by side with Debian's
// rclone where it has the same behaviour: global flags before the command,
// mistyped commands, -h and help, --json where a command has none, the log
// and stats formats, and the bash completion script.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, makeTree, rsyncish, runProgram, tempDir } from './helpers.mjs';

const hasRclone = !spawnSync('rclone', ['version'], { stdio: 'ignore' }).error;
const skip = hasRclone ? false : 'rclone is not installed (apt-get install rclone)';
const has = (shell) => !spawnSync(shell, ['-c', 'true'], { stdio: 'ignore' }).error;
const hasBash = has('bash');

const TREE = { 's/f': 'a\n', 's/sub/g': 'b\n', 'd/x': 'c\n' };

/** Directories get the time they were made; listings compare equal only with one fixed time. */
function fixDirTimes(root, when = new Date('2024-02-03T04:05:06Z')) {
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (e.isDirectory()) fixDirTimes(join(root, e.name), when);
  }
  utimesSync(root, when, when);
}

/** Identical trees for both tools, each with an empty config file of its own. */
async function both(args, spec = TREE) {
  const rc = tempDir('front-rclone-');
  const rs = tempDir('front-rsyncish-');
  makeTree(rc, spec);
  makeTree(rs, spec);
  writeFileSync(join(rc, 'x.conf'), '');
  writeFileSync(join(rs, 'x.conf'), '');
  fixDirTimes(rc);
  fixDirTimes(rs);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RCLONE|RSYNCISH)_/.test(k)));
  const [rclone, ours] = await Promise.all([
    runProgram('rclone', args, { cwd: rc, env: { ...env, RCLONE_CONFIG: join(rc, 'x.conf') } }),
    rsyncish(args, { cwd: rs, env: { ...env, RSYNCISH_CONFIG: join(rs, 'x.conf') } }),
  ]);
  return { rclone, ours };
}

/** Log lines without their timestamps. */
const lines = (stderr) => stderr.split('\n').filter((l) => l !== '').map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /, ''));

describe('global flags before the command, as rclone reads them', { skip }, () => {
  test('-v --config X lsd works and lists what rclone lists', async () => {
    const { rclone, ours } = await both(['-v', '--config', 'x.conf', 'lsd', '.']);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.code, rclone.code);
    assert.equal(ours.stdout, rclone.stdout);
  });

  test('--flag=value and --flag value forms, and a cluster of short flags, before copy', async () => {
    for (const args of [['--transfers=8', '-vP', 'copy', 's', 'd'], ['--transfers', '8', '--max-size', '1M', 'copy', 's', 'd']]) {
      const { rclone, ours } = await both(args);
      assert.equal(ours.code, 0, ours.stderr);
      assert.equal(ours.code, rclone.code);
      const copied = (l) => l.filter((x) => /^INFO {2}: .*Copied/.test(x)).sort();
      assert.deepEqual(copied(lines(ours.stderr)), copied(lines(rclone.stderr)));
    }
  });

  test('an unknown leading flag is one line, exit 1 as rclone', async () => {
    const { rclone, ours } = await both(['--bogus=1', 'lsd', '.']);
    assert.equal(rclone.code, 1);
    assert.equal(ours.code, rclone.code);
    assert.match(rclone.stderr, /unknown flag: --bogus\n/);
    assert.deepEqual(lines(ours.stderr).map((l) => l.replace(/ \(hint: .*\)$/, '')), ['ERROR : unknown flag: --bogus']);
  });

  // Deliberate differences (docs/rclone-differences.md, "The command line").
  test("a command's own flag before the command is read as if it came after it; rclone refuses it", async () => {
    const { rclone, ours } = await both(['-R', 'lsd', '.']);
    assert.equal(rclone.code, 1);
    const after = await both(['lsd', '-R', '.']);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(ours.stdout, after.ours.stdout);
    assert.equal(ours.stdout, after.rclone.stdout);
  });

  test('an unknown flag before a command is named as the mistake, where rclone names the next argument', async () => {
    const { rclone, ours } = await both(['--bogus', 'lsd', '.']);
    assert.equal(ours.code, rclone.code);
    assert.match(rclone.stderr, /unknown command "\." for "rclone"/);
    assert.match(ours.stderr, /^ERROR : unknown flag: --bogus \(hint: .*\)\n$/);
  });
});

test('every global flag works before the command as it does after it', async () => {
  const dir = tempDir('front-every-flag-');
  makeTree(dir, TREE);
  fixDirTimes(dir);
  writeFileSync(join(dir, 'x.conf'), '');
  writeFileSync(join(dir, 'empty.txt'), '');
  const values = {
    config: 'x.conf', 'log-level': 'INFO', 'stats-log-level': 'INFO', dump: 'filters', filter: '+ *',
    include: '*', exclude: '*.none', 'include-from': 'empty.txt', 'exclude-from': 'empty.txt',
    'filter-from': 'empty.txt', 'files-from': 'empty.txt', 'files-from-raw': 'empty.txt', 'log-file': 'log.txt',
    'exclude-if-present': '.ignore', 'cutoff-mode': 'soft',
  };
  const help = await rsyncish(['help', 'flags']);
  // oclif lays long flag lists out one flag a line, names alone: '  -x, --flag' or '  --flag=<value>'.
  const flags = [...help.stdout.matchAll(/^ {2}(?:-\w, | {4})?--([\w-]+)(=<\w+>)?/gm)].map((m) => ({ name: m[1], valued: m[2] !== undefined }));
  assert.ok(flags.length > 40, help.stdout);
  const env = { RSYNCISH_CONFIG: join(dir, 'x.conf') };
  const plain = (r) => ({ code: r.code, stdout: r.stdout, stderr: lines(r.stderr).join('\n') });
  for (const { name, valued } of flags) {
    // A value that parses for most flags: 1 is one KiB, one second, one retry.
    const flag = valued ? [`--${name}`, values[name] ?? '1'] : [`--${name}`];
    const first = await rsyncish([...flag, 'lsd', '.'], { cwd: dir, env });
    const after = await rsyncish(['lsd', '.', ...flag], { cwd: dir, env });
    assert.deepEqual(plain(first), plain(after), flag.join(' '));
    // lsd has no JSON output, so --json is refused there, before the command or after it alike.
    if (name !== 'json') assert.notEqual(first.code, 1, `${flag.join(' ')}: ${first.stderr}`);
  }
});

describe('mistyped commands', { skip }, () => {
  test('name the command and suggest what rclone suggests, exit 1', async () => {
    const { rclone, ours } = await both(['cpy', 'a', 'b']);
    assert.equal(ours.code, 1);
    assert.equal(ours.code, rclone.code);
    const suggested = rclone.stderr.split('Did you mean this?\n')[1].split('\n\n')[0].split('\n').map((s) => s.trim());
    assert.deepEqual(suggested, ['cat', 'copy']);
    const got = lines(ours.stderr);
    assert.equal(got.length, 1, ours.stderr);
    assert.match(got[0], /^ERROR : unknown command "cpy" for "rsyncish" \(hint: did you mean "cat" or "copy"\?/);
  });

  test('arguments are never glued into the command name', async () => {
    const r = await rsyncish(['-v', 'frobnicate', 'acd:', 'more']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ERROR : unknown command "frobnicate" for "rsyncish" \(hint: "rsyncish help" lists the commands\)\n$/);
  });
});

describe('help', () => {
  test('-h is --help, everywhere', async () => {
    const long = await rsyncish(['copy', '--help']);
    for (const args of [['copy', '-h'], ['-h', 'copy'], ['help', 'copy']]) {
      const r = await rsyncish(args);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, long.stdout, args.join(' '));
    }
  });

  test("a command's help shows its own flags and points to help flags for the global ones", async () => {
    const r = await rsyncish(['check', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--one-way/);
    assert.doesNotMatch(r.stdout, /--transfers|--exclude-from/);
    assert.match(r.stdout, /Run "rsyncish help flags" to see the global flags\./);
  });

  test('the command list points to each command\'s help and to help flags', async () => {
    for (const args of [[], ['help'], ['-h']]) {
      const r = await rsyncish(args);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^ {2}copy {2,}Copy files/m);
      assert.match(r.stdout, /Use "rsyncish <command> --help" for a command's own flags, "rsyncish help flags" for the global flags\.\n$/);
    }
  });

  test('help flags prints the global groups; a regexp picks flags by name', async () => {
    const all = await rsyncish(['help', 'flags']);
    assert.equal(all.code, 0);
    assert.match(all.stdout, /^GLOBAL FLAGS$/m);
    assert.match(all.stdout, /^FILTERS FLAGS$/m);
    for (const f of ['--transfers', '--exclude', '--config', '--stats-one-line']) assert.match(all.stdout, new RegExp(`${f}\\b`));
    const some = await rsyncish(['help', 'flags', 'size']);
    const names = [...some.stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
    assert.deepEqual(names.sort(), ['--ignore-size', '--max-size', '--min-size', '--size-only']);
  });
});

describe('--json', { skip }, () => {
  test('on a command that has no JSON output it is an error, as rclone refuses the flag', async () => {
    const { rclone, ours } = await both(['ls', '--json', 's']);
    assert.equal(rclone.code, 1);
    assert.equal(ours.code, rclone.code);
    assert.equal(ours.stdout, '');
    assert.match(ours.stderr, /^ERROR : --json: "ls" has no JSON output \(hint: .*\)\n$/);
  });

  test('a command with a JSON form still takes it', async () => {
    const r = await rsyncish(['size', '--json', join(tempDir(), '.')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { count: 0, bytes: 0, sizeless: 0 });
  });
});

describe('log and stats formats, as rclone', { skip }, () => {
  test('--log-level WARNING shows what rclone shows: no NOTICE lines', async () => {
    const { rclone, ours } = await both(['--log-level', 'WARNING', 'copy', '-n', 's', 'd']);
    assert.equal(ours.code, rclone.code);
    assert.deepEqual(lines(ours.stderr), lines(rclone.stderr));
    assert.deepEqual(lines(ours.stderr), []);
  });

  test('--use-json-log writes one JSON object a line, with the level and message rclone gives', async () => {
    const { rclone, ours } = await both(['--use-json-log', '--stats', '0', 'copy', '-n', 's', 'd']);
    assert.equal(ours.code, rclone.code);
    const parse = (stderr) => lines(stderr).map((l) => JSON.parse(l));
    // rclone puts the file in "object"; rsyncish keeps it in the message, as its text lines do.
    const theirs = parse(rclone.stderr).filter((o) => o.object !== undefined).map((o) => ({ level: o.level, msg: `${o.object}: ${o.msg}` }));
    const mine = parse(ours.stderr);
    for (const o of mine) assert.match(o.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/);
    assert.deepEqual(mine.map((o) => ({ level: o.level, msg: o.msg })).sort((a, b) => a.msg.localeCompare(b.msg)), theirs.sort((a, b) => a.msg.localeCompare(b.msg)));
  });

  test('--stats-one-line logs the bytes line alone; --stats-log-level NOTICE shows it without -v', async () => {
    const { rclone, ours } = await both(['--stats-one-line', '--stats-log-level', 'NOTICE', 'copy', 's', 'd']);
    assert.equal(ours.code, rclone.code);
    const shape = /^NOTICE: +\d+ B \/ \d+ B, 100%, \d+ B\/s, ETA \S+$/;
    assert.equal(lines(rclone.stderr).filter((l) => shape.test(l)).length, 1, rclone.stderr);
    assert.deepEqual(lines(ours.stderr).map((l) => shape.test(l)), [true], ours.stderr);
  });
});

describe('completion', () => {
  test('the bash script completes commands and remote names from the config', { skip: hasBash ? false : 'bash is not installed' }, async () => {
    const dir = tempDir('front-completion-');
    mkdirSync(join(dir, 'bin'));
    symlinkSync(CLI, join(dir, 'bin', 'rsyncish'));
    writeFileSync(join(dir, 'x.conf'), '[acdremote]\ntype = local\n\n[other]\ntype = local\n');
    const script = await rsyncish(['completion', 'bash']);
    assert.equal(script.code, 0, script.stderr);
    writeFileSync(join(dir, 'rsyncish.bash'), script.stdout);
    const probe = [
      'source ./rsyncish.bash',
      'comp() { COMP_LINE=$1; COMP_POINT=${#1}; COMPREPLY=(); _rsyncish_complete; printf "%s\\n" "${COMPREPLY[@]}" | sort | paste -sd" "; }',
      "comp 'rsyncish co'",
      "comp 'rsyncish -v --config x.conf lsd ac'",
      "comp 'rsyncish config cr'",
      "comp 'rsyncish sync --delete-b'",
    ].join('\n');
    const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` };
    delete env.RSYNCISH_CONFIG;
    const r = await runProgram('bash', ['-c', probe], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').slice(0, 4), ['completion config copy copyto', 'acdremote:', 'create', '--delete-before']);
  });

  /** A folder with `rsyncish` on a PATH of its own and a config of two remotes, and the env to use it. */
  function completionHome() {
    const dir = tempDir('front-completion-');
    mkdirSync(join(dir, 'bin'));
    symlinkSync(CLI, join(dir, 'bin', 'rsyncish'));
    writeFileSync(join(dir, 'x.conf'), '[acdremote]\ntype = local\n\n[other]\ntype = local\n');
    const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, RSYNCISH_CONFIG: join(dir, 'x.conf') };
    return { dir, env };
  }

  test('the fish script completes commands, remote names and flags', { skip: has('fish') ? false : 'fish is not installed' }, async () => {
    const { dir, env } = completionHome();
    writeFileSync(join(dir, 'rsyncish.fish'), (await rsyncish(['completion', 'fish'])).stdout);
    const probe = ['source rsyncish.fish', ...['rsyncish co', 'rsyncish lsd ac', 'rsyncish sync --delete-b', 'rsyncish config cr']
      .map((line) => `echo (complete -C '${line}' | cut -f1)`)].join('; ');
    const r = await runProgram('fish', ['-c', probe], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').slice(0, 4), ['completion config copy copyto', 'acdremote:', '--delete-before', 'create']);
  });

  test('the zsh script completes commands, remote names and flags', { skip: has('zsh') ? false : 'zsh is not installed' }, async () => {
    const { dir, env } = completionHome();
    writeFileSync(join(dir, 'rsyncish.zsh'), (await rsyncish(['completion', 'zsh'])).stdout);
    // zsh's completion system needs a terminal; these stand-ins print what it would be offered.
    const probe = [
      'compdef() { :; }',
      '_files() { :; }',
      '_describe() { local -a arr; arr=("${(@P)${@[-1]}}"); print -l -- ${(M)${arr%%:*}:#${PREFIX}*}; }',
      'compadd() { while [[ $1 == -* && $1 != -- ]]; do [[ $1 == -S ]] && shift; shift; done; [[ $1 == -- ]] && shift; print -l -- ${(M)@:#${PREFIX}*}; }',
      'source ./rsyncish.zsh',
      'comp() { words=(${(z)1} $2); PREFIX=$2; CURRENT=${#words}; print -- ${(j: :)${(f)"$(_rsyncish)"}}; }',
      "comp 'rsyncish' co",
      "comp 'rsyncish lsd' ac",
      "comp 'rsyncish sync' --delete-b",
      "comp 'rsyncish config' cr",
    ].join('\n');
    const r = await runProgram('zsh', ['-f', '-c', probe], { cwd: dir, env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').slice(0, 4), ['completion config copy copyto', 'acdremote:', '--delete-before', 'create']);
  });

  test('zsh and fish scripts name the commands and ask listremotes for remotes', async () => {
    for (const shell of ['zsh', 'fish']) {
      const r = await rsyncish(['completion', shell]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /copyto/);
      assert.match(r.stdout, shell === 'fish' ? /-l transfers/ : /--transfers/);
      assert.doesNotMatch(r.stdout, /<%/);
      assert.match(r.stdout, /rsyncish listremotes/);
    }
    const bad = await rsyncish(['completion', 'tcsh']);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.split('\n').filter((l) => l !== '').length, 1, bad.stderr);
  });
});

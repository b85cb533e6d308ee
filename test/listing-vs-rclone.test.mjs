// lsjson, lsf, tree, hashsum, md5sum/sha1sum and about print what Debian's
// rclone prints for the same local tree, byte for byte, and exit as it does.
// Both run in a time zone with a half-hour offset, so local-time fields and
// RFC 3339 offsets are compared too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, makeTree, rsyncish, tempDir } from './helpers.mjs';
import { noLocalRclone as skip, rclone } from './support/local-rclone.mjs';

const TZ = 'Asia/Kolkata';
const dir = tempDir('rsyncish-listing-');
const config = join(dir, 'rsyncish.conf');
const root = join(dir, 'tree');
makeTree(root, {
  'B.txt': 'BB', 'a.txt': 'hello', 'Ä.txt': 'x', 'page.html': '<p>', 'photo.JPG': 'jpeg', 'no-extension': 'n',
  'we,ird "q".txt': 'q', 'sp ace/ x.bin': 'x'.repeat(3000), 'sub/deep/c.json': '{}', 'sub/deep/deeper/d': 'dd',
  'sub/<tag>&.md': 'md', '.hidden/h': 'h', '.dotfile': 'd', 'empty/': '',
});
writeFileSync(join(dir, 'ctrl-\u0001.txt'), 'c'); // a control character in a name, for the JSON escapes
mkdirSync(join(dir, 'alone'));
writeFileSync(join(dir, 'alone', 'ctrl-\u0001.txt'), 'c');

const env = { TZ };
const ours = (args) => rsyncish(args, { config, env });
const theirs = (args) => rclone(args, { env });

/** Both tools' {code, stdout} for the same arguments. */
async function both(args) {
  const a = await ours(args);
  const b = await theirs(args);
  return { a, b };
}

/** rclone lists directories concurrently: for a recursive listing only the set of lines is stable. */
const lineSet = (s) => s.split('\n').map((l) => l.replace(/,$/, '')).sort().join('\n');

async function sameBytes(args) {
  const { a, b } = await both(args);
  assert.equal(a.code, b.code, `${args.join(' ')}: exit ${a.code}, rclone ${b.code}\n${a.stderr}`);
  assert.equal(a.stdout, b.stdout, args.join(' '));
}

async function sameLines(args) {
  const { a, b } = await both(args);
  assert.equal(a.code, b.code, `${args.join(' ')}: exit ${a.code}, rclone ${b.code}\n${a.stderr}`);
  assert.equal(lineSet(a.stdout), lineSet(b.stdout), args.join(' '));
}

test('lsjson prints rclone\'s items byte for byte: one level, --stat, a file root, each flag', { skip }, async () => {
  for (const args of [
    [root], ['--no-modtime', root], ['--no-mimetype', '--files-only', root], ['--dirs-only', root],
    ['--hash-type', 'md5', '--hash-type', 'SHA-1', root], ['--stat', join(root, 'a.txt')], ['--stat', '--hash-type', 'md5', join(root, 'a.txt')],
    [join(root, 'a.txt')], ['--stat', '--files-only', root], [join(dir, 'alone')], [join(root, 'empty')],
  ]) await sameBytes(['lsjson', ...args]);
});

test('lsjson -R lists the same items as rclone, and --max-depth stops where rclone stops', { skip }, async () => {
  for (const args of [['-R', root], ['-R', '--files-only', '--hash-type', 'md5', root], ['-R', '--max-depth', '2', root], ['--max-depth', '2', root], ['-R', '--dirs-only', root]]) {
    await sameLines(['lsjson', ...args]);
  }
  const { a } = await both(['lsjson', '-R', root]);
  const items = JSON.parse(a.stdout);
  assert.ok(items.some((i) => i.Path === 'sub/deep/deeper/d'), 'the output is one JSON array');
});

test('lsf prints rclone\'s lines: --format, --separator, --csv, --dir-slash=false, --absolute, -R', { skip }, async () => {
  for (const args of [
    [root], ['--format', 'pstmhi', root], ['--csv', '--format', 'psh', '--hash', 'SHA-1', root], ['--format', 'tp', '--separator', ' | ', root],
    ['--dir-slash=false', root], ['-d=false', '--dirs-only', root], ['--absolute', '--files-only', root], [join(root, 'a.txt')], ['--format', 'ph', join(root, 'a.txt')],
  ]) await sameBytes(['lsf', ...args]);
  for (const args of [['-R', root], ['-R', '--format', 'ps', '--csv', root], ['-R', '--max-depth', '2', root], ['--max-depth', '2', root]]) await sameLines(['lsf', ...args]);
});

test('tree draws what rclone draws, with each option that changes the drawing', { skip }, async () => {
  for (const args of [
    [root], ['-a', root], ['-d', root], ['--level', '2', root], ['-s', root], ['-s', '--level', '1', root], ['-p', '-s', '-D', '-Q', root],
    ['--full-path', '--noindent', root], ['--noreport', '--dirsfirst', root], ['--sort', 'size', root], ['-t', '-r', root],
    [join(root, 'a.txt')], [join(root, 'empty')],
  ]) await sameBytes(['tree', ...args]);
  const file = join(dir, 'tree.txt');
  const out = await ours(['tree', '-o', file, root]);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(readFileSync(file, 'utf8'), (await theirs(['tree', root])).stdout);
});

test('hashsum, md5sum and sha1sum print rclone\'s lines, in hex and --base64, to stdout or --output-file', { skip }, async () => {
  for (const args of [
    ['hashsum', 'md5', root], ['hashsum', 'SHA-1', root], ['hashsum', 'MD5', '--base64', root], ['md5sum', '--base64', root],
    ['sha1sum', '--download', root], ['hashsum', 'dropbox', '--download', root], ['hashsum', 'DropboxHash', '--download', '--base64', root],
    ['hashsum', 'sha256', root], ['hashsum', 'SHA-256', '--base64', root], ['hashsum', 'dropbox', root], ['hashsum', 'crc32', root], ['hashsum', 'CRC-32', '--base64', root],
  ]) await sameLines(args);
  await sameBytes(['md5sum', join(root, 'a.txt')]);
  const a = join(dir, 'ours.md5');
  const b = join(dir, 'theirs.md5');
  assert.equal((await ours(['md5sum', '--output-file', a, root])).code, 0);
  assert.equal((await theirs(['md5sum', '--output-file', b, root])).code, 0);
  assert.equal(lineSet(readFileSync(a, 'utf8')), lineSet(readFileSync(b, 'utf8')));
  const listed = await ours(['hashsum']);
  assert.equal(listed.stdout, 'Supported hashes are:\n  * md5\n  * sha1\n  * crc32\n  * sha256\n  * dropbox\n', 'the hashes rsyncish has, in rclone\'s layout');
});

test('md5sum -C and check --checkfile report each file as rclone does and exit 1 on a difference', { skip }, async () => {
  const sums = join(dir, 'MD5SUMS');
  const good = (await theirs(['md5sum', root])).stdout;
  writeFileSync(sums, good);
  await sameLines(['md5sum', '-C', sums, root]);
  // One wrong hash, one file the SUM file lacks, one line naming a file that is not there.
  const lines = good.trim().split('\n').filter((l) => !l.endsWith('  B.txt')).map((l) => (l.endsWith('  a.txt') ? `${'0'.repeat(32)}  a.txt` : l));
  writeFileSync(sums, `${lines.join('\n')}\n${'1'.repeat(32)}  gone.txt\n`);
  await sameLines(['md5sum', '-C', sums, root]);
  await sameLines(['sha1sum', '-C', sums, root]);
  await sameLines(['check', '--checkfile', 'md5', sums, root, '--combined', '-']);
  await sameLines(['check', '--checkfile', 'MD5', sums, root, '--one-way', '--differ', '-']);
  const r = await ours(['md5sum', '-C', sums, root]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /a\.txt: files differ/);
  assert.match(r.stderr, /gone\.txt: file not in /);
  assert.match(r.stderr, /ERROR : failed to md5sum with 3 errors: last error was: /);
});

test('md5sum and hashsum hash standard input as rclone does', { skip }, async () => {
  const input = join(dir, 'input');
  writeFileSync(input, 'from stdin\n');
  for (const args of [['md5sum'], ['md5sum', '-'], ['hashsum', 'sha1', '--base64']]) {
    const a = await withStdin(CLI, args, input);
    const b = await withStdin('rclone', ['--config', join(dir, 'none.conf'), ...args], input);
    assert.equal(a.code, 0);
    assert.equal(a.stdout, b.stdout, args.join(' '));
  }
});

test('about --json of a local path is rclone\'s object, and about prints rclone\'s lines', { skip }, async () => {
  // Other programs write to this disk while the test runs, so used and free
  // move between two runs: the layout and the total are compared exactly, the
  // moving numbers against rclone's runs just before and just after ours.
  const before = await theirs(['about', '--json', root]);
  const a = await ours(['about', '--json', root]);
  const after = await theirs(['about', '--json', root]);
  assert.equal(a.code, 0, a.stderr);
  const shape = (s) => s.replace(/\d+/g, 'N');
  assert.equal(shape(a.stdout), shape(before.stdout), 'the same fields, in the same layout');
  const [x, b1, b2] = [a, before, after].map((r) => JSON.parse(r.stdout));
  assert.equal(x.total, b1.total);
  const slack = 0.01 * x.total;
  for (const key of ['used', 'free']) {
    assert.ok(x[key] >= Math.min(b1[key], b2[key]) - slack && x[key] <= Math.max(b1[key], b2[key]) + slack, `${key}: ${x[key]} vs rclone ${b1[key]}, ${b2[key]}`);
  }
  const text = await ours(['about', root]);
  assert.match(text.stdout, /^Total: {3}\d+(\.\d{3})? [KMGTPE]?i?B\nUsed: {4}.+\nFree: {4}.+\n$/);
  const full = await ours(['about', '--full', root]);
  assert.equal(full.stdout.split('\n')[0], `Total:   ${JSON.parse((await ours(['about', '--json', root])).stdout).total}`);
});

test('a missing path and a file root exit as rclone exits, for every new command', { skip }, async () => {
  const missing = join(dir, 'nope');
  const file = join(root, 'a.txt');
  for (const args of [
    ['lsjson', missing], ['lsjson', '--stat', missing], ['lsf', missing], ['tree', missing], ['hashsum', 'md5', missing],
    ['md5sum', missing], ['sha1sum', '--base64', missing], ['about', missing], ['hashsum', 'nosuchhash', root], ['md5sum', '-C', missing, root],
    ['cat', '--discard', missing], ['lsjson', file], ['lsf', file], ['tree', file], ['about', file], ['cat', '--discard', root],
  ]) {
    const { a, b } = await both(args);
    assert.equal(a.code, b.code, `${args.join(' ')}: exit ${a.code}, rclone ${b.code}\n${a.stderr}`);
    if (a.code !== 0) assert.equal(a.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line\n${a.stderr}`);
  }
  // rclone has printed lsjson's "[" before it finds the path missing; rsyncish's stdout stays empty.
  const { a, b } = await both(['lsjson', missing]);
  assert.equal(b.stdout, '[\n');
  assert.equal(a.stdout, '');
});

test('a hash rclone has and rsyncish does not is refused in one line, not listed empty', { skip }, async () => {
  for (const args of [['lsjson', '--hash-type', 'mailru', root], ['hashsum', 'quickxor', root], ['lsf', '--format', 'ph', '--hash', 'whirlpool', root]]) {
    const r = await ours(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, /^ERROR : .*hash type "\w+" is not supported by rsyncish \(hint: use md5 \(MD5\), sha1 \(SHA-1\), crc32 \(CRC-32\), sha256 \(SHA-256\) or dropbox \(DropboxHash\)\)\n$/);
  }
  const { a, b } = await both(['lsjson', '--hash', join(root, 'a.txt')]);
  const theirs = JSON.parse(b.stdout)[0].Hashes;
  assert.deepEqual(JSON.parse(a.stdout)[0].Hashes, { crc32: theirs.crc32, dropbox: theirs.dropbox, md5: theirs.md5, sha1: theirs.sha1, sha256: theirs.sha256 }, 'rclone\'s md5, sha1, crc32, sha256 and dropbox, no others');
});

/** Run a program with a file as its standard input. */
function withStdin(command, args, inputFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, RSYNCISH_CONFIG: config, TZ }, stdio: [openSync(inputFile, 'r'), 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

test('about on a backend that cannot tell its size says so in one line, exit 1, as rclone', async () => {
  // An S3 remote's root (no bucket): rsyncish's S3 backend, as rclone's, has no about.
  const r = await ours(['about', ':s3:']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /^ERROR : :s3: doesn't support about \(hint: /);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('what rclone\'s listing commands have and no rsyncish backend can fill is refused in one line, exit 1', async () => {
  for (const args of [
    ['lsf', '--format', 'pe', root], ['lsf', '--format', 'M', root], ['lsjson', '--original', root], ['lsjson', '-M', root],
    ['lsjson', '--encrypted', root], ['tree', '-C', root], ['tree', '--sort', 'version', root], ['tree', '--version', root],
  ]) {
    const r = await ours(args);
    assert.equal(r.code, 1, `${args.join(' ')}\n${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^ERROR : .+ \(hint: .+\)\n$/, args.join(' '));
  }
});

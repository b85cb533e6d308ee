// --fast-list: on a backend that lists recursively (swift here, against the
// real local Swift), a tree of 12 folders is read with one listing request
// instead of one per folder; every command lists, copies and checks the same
// as without the flag, filters included, and lsjson prints what rclone prints.
// Requests are counted by a proxy in front of Swift, not by rsyncish itself.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTree, rsyncish, runProgram, snapshot, tempDir } from './helpers.mjs';
import { startLocalSwift } from './support/local-swift.mjs';
import { startCountingProxy } from './support/counting-proxy.mjs';
import { noLocalRclone } from './support/local-rclone.mjs';

const ENDPOINT = 'http://127.0.0.1:18080';
const { skip, authUrl } = startLocalSwift();

const FOLDERS = 12;
const FILES = 3;
const container = `rsy-fastlist-${Date.now().toString(36)}`;

describe('--fast-list against the local Swift', { skip }, () => {
  let dir;
  let src;
  let config;
  let rcloneConfig;
  let proxy;

  before(async () => {
    dir = tempDir('rsyncish-fastlist-');
    src = join(dir, 'src');
    const spec = {};
    for (let f = 1; f <= FOLDERS; f++) for (let i = 1; i <= FILES; i++) spec[`d${String(f).padStart(2, '0')}/f${i}.txt`] = `folder ${f} file ${i}\n`;
    makeTree(src, spec);
    proxy = await startCountingProxy(ENDPOINT);
    const swift = ['type = swift', 'user = test:tester', 'key = testing', `auth = ${authUrl}`];
    config = join(dir, 'rsyncish.conf');
    // `counted` logs in at Swift itself but sends every storage request through the proxy.
    writeFileSync(config, ['[swift]', ...swift, '', '[counted]', ...swift, `storage_url = ${proxy.url}/v1/AUTH_test`, ''].join('\n'));
    rcloneConfig = join(dir, 'rclone.conf');
    writeFileSync(rcloneConfig, ['[swift]', ...swift, '', '[counted]', ...swift, `storage_url = ${proxy.url}/v1/AUTH_test`, ''].join('\n'));
    const up = await rsyncish(['copy', src, `swift:${container}`], { config });
    assert.equal(up.code, 0, up.stderr);
  });

  after(async () => {
    await rsyncish(['purge', `swift:${container}`], { config });
    await proxy?.close();
  });

  /** Run through the proxy; `listings` is how many container listings (GET of the container itself) reached Swift. */
  async function counted(args) {
    proxy.requests.length = 0;
    const r = await rsyncish(args.map((a) => a.replace('REMOTE', `counted:${container}`)), { config });
    const listings = proxy.requests.filter((req) => req.startsWith(`GET /v1/AUTH_test/${container}?`)).length;
    return { ...r, listings };
  }

  const lines = (s) => s.split('\n').filter(Boolean).sort();

  test('ls --fast-list makes 1 listing request where ls makes one per folder, and lists the same files', async () => {
    const fast = await counted(['ls', '--fast-list', 'REMOTE']);
    const slow = await counted(['ls', 'REMOTE']);
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(slow.code, 0, slow.stderr);
    assert.equal(fast.listings, 1);
    assert.equal(slow.listings, FOLDERS + 1);
    assert.equal(lines(fast.stdout).length, FOLDERS * FILES);
    assert.deepEqual(lines(fast.stdout), lines(slow.stdout));
  });

  test('copy --fast-list from swift gives the same tree as copy without, from 1 listing', async () => {
    const fastDst = join(dir, 'fast');
    const slowDst = join(dir, 'slow');
    const fast = await counted(['copy', '--fast-list', 'REMOTE', fastDst]);
    const slow = await counted(['copy', 'REMOTE', slowDst]);
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(slow.code, 0, slow.stderr);
    assert.equal(fast.listings, 1);
    assert.equal(slow.listings, FOLDERS + 1);
    assert.deepEqual(snapshot(fastDst), snapshot(slowDst));
    assert.deepEqual(snapshot(fastDst), snapshot(src));
  });

  test('every walking command gives with --fast-list what it gives without, from 1 listing', async () => {
    for (const args of [['lsl', 'REMOTE'], ['lsjson', '-R', 'REMOTE'], ['lsf', '-R', 'REMOTE'], ['size', 'REMOTE'], ['md5sum', 'REMOTE'], ['tree', 'REMOTE'], ['check', src, 'REMOTE']]) {
      const fast = await counted([args[0], '--fast-list', ...args.slice(1)]);
      const slow = await counted(args);
      assert.equal(fast.code, 0, `${args[0]}: ${fast.stderr}`);
      assert.equal(slow.code, 0, `${args[0]}: ${slow.stderr}`);
      assert.equal(fast.listings, 1, args[0]);
      assert.ok(slow.listings >= FOLDERS + 1, `${args[0]} without --fast-list lists each folder (${slow.listings})`);
      // Folders carry no stored modtime: lsjson shows the time of the listing.
      const same = (s) => lines(s.replace(/"ModTime":"[^"]*","IsDir":true/g, '"IsDir":true').replace(/,$/gm, ''));
      assert.deepEqual(same(fast.stdout), same(slow.stdout), args[0]);
    }
  });

  test('filters prune a fast listing exactly as they prune a walk, folder rules included', async () => {
    for (const filter of [['--exclude', 'd0[1-5]/**'], ['--include', '*/f1.txt'], ['--filter', '+ d1*/**', '--filter', '- *']]) {
      const fast = await counted(['lsf', '-R', '--fast-list', ...filter, 'REMOTE']);
      const slow = await counted(['lsf', '-R', ...filter, 'REMOTE']);
      assert.equal(fast.code, 0, fast.stderr);
      assert.equal(fast.listings, 1, filter.join(' '));
      assert.deepEqual(lines(fast.stdout), lines(slow.stdout), filter.join(' '));
    }
    const synced = join(dir, 'filtered');
    const fast = await counted(['copy', '--fast-list', '--exclude', 'd0[1-5]/**', 'REMOTE', synced]);
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(Object.keys(snapshot(synced)).length, (FOLDERS - 5) * FILES);
  });

  test('copy --fast-list --files-from reads the source with 1 listing where rclone lists folder by folder, and copies the same files', async () => {
    const list = join(dir, 'files-from.txt');
    writeFileSync(list, 'd03/f2.txt\nd07/f3.txt\nd12/f1.txt\n');
    const fastDst = join(dir, 'from-fast');
    const slowDst = join(dir, 'from-slow');
    const fast = await counted(['copy', '--fast-list', '--files-from', list, 'REMOTE', fastDst]);
    const slow = await counted(['copy', '--files-from', list, 'REMOTE', slowDst]);
    assert.equal(fast.code, 0, fast.stderr);
    assert.equal(slow.code, 0, slow.stderr);
    assert.equal(fast.listings, 1);
    assert.deepEqual(Object.keys(snapshot(fastDst)), ['d03/f2.txt', 'd07/f3.txt', 'd12/f1.txt']);
    assert.deepEqual(snapshot(fastDst), snapshot(slowDst));
    if (noLocalRclone) return;
    proxy.requests.length = 0;
    const theirs = await runProgram('rclone', ['--config', rcloneConfig, 'copy', '--fast-list', '--files-from', list, `counted:${container}`, join(dir, 'from-rclone')]);
    assert.equal(theirs.code, 0, theirs.stderr);
    const rcloneListings = proxy.requests.filter((req) => req.startsWith(`GET /v1/AUTH_test/${container}?`)).length;
    assert.ok(rcloneListings > 1, `rclone listed ${rcloneListings} times`);
    assert.deepEqual(snapshot(join(dir, 'from-rclone')), snapshot(fastDst));
  });

  test('lsjson -R --fast-list prints what rclone lsjson -R --fast-list prints for the same container', { skip: noLocalRclone }, async () => {
    const ours = await rsyncish(['lsjson', '-R', '--fast-list', `swift:${container}`], { config });
    const theirs = await runProgram('rclone', ['--config', rcloneConfig, 'lsjson', '-R', '--fast-list', `swift:${container}`]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.equal(theirs.code, 0, theirs.stderr);
    // A folder's ModTime is the time of the listing in both tools: only it may differ.
    const folderTimes = (s) => s.replace(/"ModTime":"[^"]*","IsDir":true/g, '"ModTime":"(listing time)","IsDir":true');
    assert.equal(folderTimes(ours.stdout), folderTimes(theirs.stdout));
    assert.equal(ours.stdout.split('\n').filter((l) => l.includes('"IsDir":false')).length, FOLDERS * FILES);
  });

  test('lsf -R --fast-list prints rclone\'s lines in rclone\'s order, with and without --max-depth', { skip: noLocalRclone }, async () => {
    // Deeper than the 12 folders, with names that sort differently by path and by folder (a-1 before a/b).
    const deep = join(dir, 'deep');
    makeTree(deep, { 'top': 't', 'a/x': 'x', 'a/b/y': 'y', 'a/b/c/z': 'z', 'a-1/w': 'w', 'b/v': 'v' });
    const remote = `swift:${container}-deep`;
    const up = await rsyncish(['copy', deep, remote], { config });
    assert.equal(up.code, 0, up.stderr);
    try {
      for (const depth of ['-1', '2', '3']) {
        const args = ['lsf', '-R', '--fast-list', '--max-depth', depth, remote];
        const ours = await rsyncish(args, { config });
        const theirs = await runProgram('rclone', ['--config', rcloneConfig, ...args]);
        assert.equal(ours.code, 0, ours.stderr);
        assert.equal(ours.stdout, theirs.stdout, `--max-depth ${depth}`);
      }
    } finally {
      await rsyncish(['purge', remote], { config });
    }
  });
});

test('rsyncish backends says which types list a whole tree for --fast-list', async () => {
  const text = await rsyncish(['backends']);
  assert.equal(text.code, 0, text.stderr);
  const json = await rsyncish(['backends', '--json']);
  const listsRecursively = Object.fromEntries(JSON.parse(json.stdout).map((b) => [b.type, b.capabilities.listRecursive === true]));
  assert.deepEqual(listsRecursively, { acd: false, drive: false, dropbox: false, gcs: true, local: false, s3: true, swift: true });
  const lines = text.stdout.split('\n');
  const fastListOf = (type) => lines.slice(lines.findIndex((l) => l.startsWith(`${type}:`))).find((l) => l.startsWith('  fast list:'));
  assert.equal(fastListOf('swift'), '  fast list:         yes');
  assert.equal(fastListOf('local'), '  fast list:         no');
});

// An independent Dropbox client: Debian's rclone 1.60 with its dropbox backend
// reads what rsyncish wrote and rsyncish reads what rclone wrote, through one
// Dropbox emulator. rclone talks to the real host names (api.dropboxapi.com,
// content.dropboxapi.com; its tokens come from api.dropboxapi.com/oauth2/token)
// through a TLS-terminating proxy on 127.0.0.1 that refuses every other host.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, runProgram, snapshot, tempDir } from './helpers.mjs';
import { issuedToken, startDropboxEmulator, writeDropboxConfig } from './support/dropbox-processes.mjs';
import { haveOpenssl, makeTestCertificates, startTlsProxy } from './support/tls-proxy.mjs';

const HOSTS = ['api.dropboxapi.com', 'content.dropboxapi.com'];

function rcloneHasDropbox() {
  try {
    return /\bdropbox\b/.test(execFileSync('rclone', ['help', 'backends'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}
const missing = !rcloneHasDropbox() ? 'rclone with the dropbox backend is not installed'
  : !haveOpenssl() ? 'the openssl CLI is not installed' : undefined;

const dir = tempDir('rsyncish-dropbox-rclone-');
const config = join(dir, 'rsyncish.conf');
const rcloneConfig = join(dir, 'rclone.conf');
let emu;
let proxy;
let ca;

before(async () => {
  if (missing) return;
  emu = await startDropboxEmulator(['--auto-approve'], { name: 'remote' });
  const certs = makeTestCertificates(dir, HOSTS);
  ca = certs.ca;
  proxy = await startTlsProxy({ routes: Object.fromEntries(HOSTS.map((h) => [h, emu.url])), cert: certs.cert, key: certs.key });
  await writeDropboxConfig(emu, config);
  // rclone's own defaults for every URL: only its token is given.
  writeFileSync(rcloneConfig, `[rc]\ntype = dropbox\ntoken = ${await issuedToken(emu)}\n`, { mode: 0o600 });
});
after(async () => {
  await proxy?.close();
  await emu?.stop();
});

const rclone = (args) => runProgram('rclone', ['--config', rcloneConfig, '--ca-cert', ca, ...args], {
  env: { ...process.env, HTTPS_PROXY: proxy.url, https_proxy: proxy.url, HTTP_PROXY: '', http_proxy: '', NO_PROXY: '', no_proxy: '' },
});

const tree = {
  'hello.txt': 'hello from rsyncish\n',
  'Sub Dir/data.bin': { size: 300_000, seed: 11 },
  'Sub Dir/deeper/ünïcödé name.txt': 'names survive\n',
  'empty.txt': '',
};
const sorted = (text) => text.trim().split('\n').map((l) => l.trim()).sort();

test('what rsyncish uploads, rclone lists with the same sizes, modtimes and dropbox hashes, and downloads byte-identical', { skip: missing }, async () => {
  const src = join(dir, 'from-rsyncish');
  makeTree(src, tree);
  // 64 KiB chunks: data.bin goes up in an upload session of several appends.
  const up = await rsyncish(['copy', src, 'remote:made-by-rsyncish', '-q', '--dropbox-chunk-size', '64Ki'], { config });
  assert.equal(up.code, 0, up.stderr);
  const theirs = await rclone(['lsl', 'rc:made-by-rsyncish']);
  assert.equal(theirs.code, 0, theirs.stderr);
  const ours = await rsyncish(['lsl', 'remote:made-by-rsyncish'], { config });
  assert.equal(ours.code, 0, ours.stderr);
  // Both read client_modified: the same second-precision times.
  assert.deepEqual(sorted(ours.stdout), sorted(theirs.stdout));
  const theirSums = await rclone(['hashsum', 'dropbox', 'rc:made-by-rsyncish']);
  assert.equal(theirSums.code, 0, theirSums.stderr);
  const localSums = await rsyncish(['hashsum', 'dropbox', '--download', src], { config });
  assert.deepEqual(sorted(theirSums.stdout), sorted(localSums.stdout), 'rclone reads the content_hash of the bytes rsyncish computed locally');
  const back = join(dir, 'rclone-got');
  const down = await rclone(['copy', 'rc:made-by-rsyncish', back]);
  assert.equal(down.code, 0, down.stderr);
  const md5s = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.md5]));
  assert.deepEqual(md5s(snapshot(back)), md5s(snapshot(src)));
  assert.deepEqual(proxy.refused, [], 'rclone asked the proxy for nothing but the Dropbox API hosts');
});

test('what rclone uploads, rsyncish lists, hashes and downloads byte-identical; cat --offset agrees', { skip: missing }, async () => {
  const src = join(dir, 'from-rclone');
  makeTree(src, { ...tree, 'hello.txt': 'hello from rclone\n' });
  const up = await rclone(['copy', src, 'rc:made-by-rclone']);
  assert.equal(up.code, 0, up.stderr);
  const ours = await rsyncish(['hashsum', 'DropboxHash', 'remote:made-by-rclone'], { config });
  const theirs = await rclone(['hashsum', 'dropbox', 'rc:made-by-rclone']);
  assert.equal(ours.code, 0, ours.stderr);
  assert.deepEqual(sorted(ours.stdout), sorted(theirs.stdout));
  const back = join(dir, 'rsyncish-got');
  const down = await rsyncish(['copy', 'remote:made-by-rclone', back, '-q'], { config });
  assert.equal(down.code, 0, down.stderr);
  const md5s = (s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.md5]));
  assert.deepEqual(md5s(snapshot(back)), md5s(snapshot(src)));
  for (const args of [['cat', '--offset', '1000', '--count', '5000'], ['cat', '--offset', '299990']]) {
    const a = await rsyncish([...args, 'remote:made-by-rclone/Sub Dir/data.bin'], { config });
    const b = await rclone([...args, 'rc:made-by-rclone/Sub Dir/data.bin']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout, args.join(' '));
  }
});

test('a file moved by rclone and one deleted by rsyncish are seen so by the other; about agrees', { skip: missing }, async () => {
  const src = join(dir, 'moves');
  makeTree(src, { 'a.txt': 'first\n', 'b.txt': 'second\n' });
  assert.equal((await rsyncish(['copy', src, 'remote:moves', '-q'], { config })).code, 0);
  const moved = await rclone(['moveto', 'rc:moves/a.txt', 'rc:moves/renamed/A.txt']);
  assert.equal(moved.code, 0, moved.stderr);
  const del = await rsyncish(['delete', 'remote:moves', '--include', 'b.txt'], { config });
  assert.equal(del.code, 0, del.stderr);
  assert.deepEqual(sorted((await rclone(['ls', 'rc:moves'])).stdout), ['6 renamed/A.txt']);
  assert.deepEqual(sorted((await rsyncish(['ls', 'remote:moves'], { config })).stdout), ['6 renamed/A.txt']);
  const rmd = await rclone(['delete', 'rc:moves']);
  assert.equal(rmd.code, 0, rmd.stderr);
  assert.equal((await rsyncish(['ls', 'remote:moves'], { config })).stdout, '');
  const theirs = await rclone(['about', 'rc:', '--json']);
  const ours = await rsyncish(['about', 'remote:', '--json'], { config });
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.equal(ours.code, 0, ours.stderr);
  const pick = (j) => ({ total: j.total, used: j.used, free: j.free });
  assert.deepEqual(pick(JSON.parse(ours.stdout)), pick(JSON.parse(theirs.stdout)));
});

// Data safety: Ctrl-C (SIGINT) or SIGTERM during copy, sync or move aborts the
// transfers in flight, removes their temp files (local `.partial` names) and
// temp objects (ACD's PENDING node of a broken upload), deletes nothing more,
// prints the stats so far and exits with 128 + the signal, as rclone does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startEmulator } from '@rsyncish/acd-emulator';
import { makeTree, patterned, snapshot, startRsyncish, tempDir } from '../helpers.mjs';
import { startGateProxy } from './support/gate-proxy.mjs';

const MiB = 1024 * 1024;

/** Every name under root, at any depth, that is a local temp file. */
function partials(root) {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true }).map(String).filter((p) => p.endsWith('.partial'));
}

/** Resolves when `check` returns something truthy, looking every few ms while the child runs. */
async function whenSeen(child, check) {
  for (;;) {
    const hit = check();
    if (hit) return hit;
    if (child.exitCode !== null) throw new Error(`rsyncish exited (${child.exitCode}) before the condition was seen`);
    await new Promise((r) => setTimeout(r, 3));
  }
}

/** The child's exit code, stdout and stderr once it has exited. */
function finished(child) {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Run rsyncish, send `signal` once `inFlight` resolves (a transfer has begun), and resolve its exit. */
async function interrupted(args, { config, inFlight, signal = 'SIGINT' }) {
  const child = startRsyncish(args, { config });
  const done = finished(child);
  await inFlight(child);
  child.kill(signal);
  return done;
}

/** Resolves once a `.partial` file exists under root. */
const partialUnder = (root) => (child) => whenSeen(child, () => partials(root).length > 0);

/**
 * Every file that was under `dst` before is still there, whole: its previous
 * version, or the complete new one from `src` when its transfer finished
 * before the signal (the test cannot keep a busy machine from getting there).
 */
function assertOldOrNew(before, dst, src) {
  const now = snapshot(dst);
  const source = snapshot(src);
  for (const [path, file] of Object.entries(before)) {
    const md5Now = now[path]?.md5;
    assert.ok(md5Now === file.md5 || md5Now === source[path]?.md5, `${path} must be its old or its new version, whole`);
  }
}

const md5 = (b) => createHash('md5').update(b).digest('hex');

describe('local to local', () => {
  test('SIGINT during copy: exit 130, no .partial left, each old file whole (old or new), the stats so far printed', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    const dst = join(dir, 'dst');
    makeTree(src, { 'a.bin': { size: 120 * MiB, seed: 1 }, 'b.bin': { size: 120 * MiB, seed: 2 }, 'c.bin': { size: 120 * MiB, seed: 3 } });
    makeTree(dst, { 'keep.txt': 'not in the source', 'b.bin': 'an older, shorter b' });
    const before = snapshot(dst);
    const { code, stderr } = await interrupted(['copy', '--transfers', '1', src, dst], { config: join(dir, 'c.conf'), inFlight: partialUnder(dst) });
    assert.equal(code, 130, stderr);
    assert.deepEqual(partials(dst), [], 'no temp file left');
    assertOldOrNew(before, dst, src);
    assert.match(stderr, /Transferred:\s+\d+ \/ 3, /, 'the stats so far are printed');
    assert.doesNotMatch(stderr, /ERROR/, 'an interrupted file is not a failed one');
    // What did arrive is complete: every new file under its real name equals its source.
    const got = snapshot(dst);
    const want = snapshot(src);
    for (const name of ['a.bin', 'c.bin']) if (got[name]) assert.equal(got[name].md5, want[name].md5, name);
  });

  test('SIGTERM during a streamed sync: exit 143, nothing deleted, no .partial left', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    const dst = join(dir, 'dst');
    makeTree(src, { 'x/a.bin': { size: 120 * MiB, seed: 4 }, 'x/b.bin': { size: 120 * MiB, seed: 5 }, 'x/c.bin': { size: 120 * MiB, seed: 9 } });
    makeTree(dst, { 'stale.txt': 'sync would delete me after the transfers', 'x/a.bin': 'older a' });
    const before = snapshot(dst);
    // --checksum makes every copy a hashed stream (get + put), not the kernel's copy.
    // One at a time: two files are still to come when the first one's temp file appears.
    const { code, stderr } = await interrupted(['sync', '--checksum', '--transfers', '1', src, dst], {
      config: join(dir, 'c.conf'), inFlight: partialUnder(dst), signal: 'SIGTERM',
    });
    assert.equal(code, 143, stderr);
    assert.deepEqual(partials(dst), []);
    assertOldOrNew(before, dst, src);
  });

  test('SIGINT during move: every source file whose copy is not complete stays', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    const dst = join(dir, 'dst');
    makeTree(src, { 'a.bin': { size: 120 * MiB, seed: 6 }, 'b.bin': { size: 120 * MiB, seed: 7 }, 'c.bin': { size: 120 * MiB, seed: 8 } });
    const original = snapshot(src);
    // -L: links are followed, so the move copies each file (a rename would move a link itself).
    const { code, stderr } = await interrupted(['move', '-L', '--transfers', '1', src, dst], { config: join(dir, 'c.conf'), inFlight: partialUnder(dst) });
    assert.equal(code, 130, stderr);
    assert.deepEqual(partials(dst), []);
    const left = snapshot(src);
    const arrived = existsSync(dst) ? snapshot(dst) : {};
    for (const [name, file] of Object.entries(original)) {
      const kept = left[name]?.md5 === file.md5;
      const copied = arrived[name]?.md5 === file.md5;
      assert.ok(kept || copied, `${name}: neither kept on the source nor complete on the destination`);
    }
    assert.ok(Object.keys(left).length > 0, 'the interrupted file is still on the source');
  });
});

describe('local and ACD', () => {
  const started = [];
  after(async () => {
    for (const stop of started.reverse()) await stop();
  });

  /**
   * An emulator reached through a gate that lets 1 MiB of each upload ('up')
   * or download ('down') through and holds the rest, and a config naming it.
   */
  async function acdBehindGate(direction) {
    const emu = await startEmulator({ host: '127.0.0.1', port: 0 });
    started.push(() => emu.stop());
    const gate = await startGateProxy({ port: emu.port, direction });
    started.push(() => gate.stop());
    const config = join(tempDir(), 'rsyncish.conf');
    const t = emu.control.issueToken({ ttl: '2h' });
    const token = JSON.stringify({ access_token: t.access_token, token_type: t.token_type, refresh_token: t.refresh_token, expiry: t.expiry });
    writeFileSync(config, [
      '[acd]', 'type = acd', 'client_id = e2e-client', 'client_secret = e2e-secret',
      `endpoint = ${gate.url}/drive/v1/`, `auth_url = ${gate.url}/ap/oa`, `token_url = ${gate.url}/auth/o2/token`, `token = ${token}`, '',
    ].join('\n'));
    return { emu, gate, config };
  }

  /** The folder's AVAILABLE files as {name: md5}. */
  function filesIn(emu, folderId) {
    const out = {};
    for (const n of emu.control.nodes('AVAILABLE')) {
      if (n.kind === 'FILE' && n.parents.includes(folderId)) out[n.name] = n.contentProperties.md5;
    }
    return out;
  }

  async function plantFolder(emu, name, files) {
    const folder = await emu.control.plantNode({ name, kind: 'FOLDER' });
    for (const [file, content] of Object.entries(files)) await emu.control.plantNode({ name: file, parentId: folder.id, content });
    return folder.id;
  }

  for (const command of ['copy', 'sync']) {
    test(`SIGINT during a ${command} upload (a new file and an overwrite): exit 130, no PENDING node, old files intact`, async () => {
      const { emu, gate, config } = await acdBehindGate('up');
      const folderId = await plantFolder(emu, 'backup', { 'keep.txt': Buffer.from('remote only'), 'b.bin': Buffer.from('older b') });
      const before = filesIn(emu, folderId);
      const src = join(tempDir(), 'src');
      makeTree(src, { 'a.bin': { size: 8 * MiB, seed: 11 }, 'b.bin': { size: 8 * MiB, seed: 12 } });
      // Both uploads under way: the new file's POST and the overwrite's PUT.
      const { code, stderr } = await interrupted([command, '--transfers', '2', src, 'acd:backup'], { config, inFlight: () => gate.held(2) });
      assert.equal(code, 130, stderr);
      assert.deepEqual(emu.control.nodes('PENDING'), [], 'the broken upload was removed');
      assert.deepEqual(filesIn(emu, folderId), before, 'nothing added, changed or deleted: no upload could finish');
    });
  }

  test('SIGINT during a move upload: the sources stay, nothing half-stored remains', async () => {
    const { emu, gate, config } = await acdBehindGate('up');
    const src = join(tempDir(), 'src');
    makeTree(src, { 'a.bin': { size: 8 * MiB, seed: 13 }, 'b.bin': { size: 8 * MiB, seed: 14 } });
    const original = snapshot(src);
    const { code, stderr } = await interrupted(['move', '--transfers', '1', src, 'acd:moved'], { config, inFlight: () => gate.held() });
    assert.equal(code, 130, stderr);
    assert.deepEqual(emu.control.nodes('PENDING'), []);
    assert.deepEqual(snapshot(src), original, 'no source file was removed: none was copied');
  });

  test('SIGINT during a download sync: exit 130, no .partial left, nothing deleted, old files intact', async () => {
    const { emu, gate, config } = await acdBehindGate('down');
    await plantFolder(emu, 'photos', { 'a.bin': patterned(8 * MiB, 15), 'b.bin': patterned(8 * MiB, 16) });
    const dst = join(tempDir(), 'dst');
    makeTree(dst, { 'stale.txt': 'not on the remote', 'b.bin': 'older b' });
    const before = snapshot(dst);
    const inFlight = async (child) => {
      await gate.held();
      await partialUnder(dst)(child);
    };
    const { code, stdout, stderr } = await interrupted(['sync', '--json', '--transfers', '2', 'acd:photos', dst], { config, inFlight });
    assert.equal(code, 130, stderr);
    const events = stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(events.slice(-2).map((e) => [e.event, e.signal ?? e.final]), [['interrupted', 'SIGINT'], ['stats', true]]);
    assert.ok(!events.some((e) => e.event === 'error' || e.event === 'deleted'), 'no error, nothing deleted');
    assert.deepEqual(partials(dst), []);
    assert.deepEqual(snapshot(dst), before, 'nothing added, changed or deleted');
  });

  test('SIGINT during a move download: the remote sources stay, no .partial left', async () => {
    const { emu, gate, config } = await acdBehindGate('down');
    const folderId = await plantFolder(emu, 'inbox', { 'a.bin': patterned(8 * MiB, 18), 'b.bin': patterned(8 * MiB, 19) });
    const before = filesIn(emu, folderId);
    const dst = join(tempDir(), 'dst');
    const { code, stderr } = await interrupted(['move', '--transfers', '2', 'acd:inbox', dst], { config, inFlight: () => gate.held(2) });
    assert.equal(code, 130, stderr);
    assert.deepEqual(partials(dst), []);
    assert.deepEqual(filesIn(emu, folderId), before, 'no source file was trashed: none was copied');
  });

  test('a second SIGINT during the clean-up exits at once; still no file under a real name is partial', async () => {
    const { emu, gate, config } = await acdBehindGate('up');
    const folderId = await plantFolder(emu, 'backup', { 'b.bin': Buffer.from('older b') });
    const src = join(tempDir(), 'src');
    makeTree(src, { 'a.bin': { size: 8 * MiB, seed: 17 } });
    const child = startRsyncish(['copy', src, 'acd:backup'], { config });
    const done = finished(child);
    await gate.held();
    // The clean-up's look for the broken upload keeps failing, so it is still going on...
    emu.control.clearRequests();
    emu.control.inject({ status: 503, count: 1000, method: 'GET', path: '/drive/v1/nodes' });
    child.kill('SIGINT');
    await whenSeen(child, () => emu.control.requests().some((r) => r.status === 503));
    // ...when the second signal comes.
    child.kill('SIGINT');
    const { code, stderr } = await done;
    assert.equal(code, 130, stderr);
    assert.match(stderr, /SIGINT received again/);
    assert.deepEqual(filesIn(emu, folderId), { 'b.bin': md5(Buffer.from('older b')) });
  });
});

// An independent Google Drive client: Debian's rclone 1.60 with its `drive` backend
// reads what rsyncish wrote and rsyncish reads what rclone wrote, through one
// drive emulator (rclone reaches www.googleapis.com through test/support/tls-proxy.mjs;
// everything stays on 127.0.0.1). Small upload cutoffs and chunks on both sides
// put the bigger file through the resumable upload.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, snapshot, tempDir } from './helpers.mjs';
import { createDriveRemote, startDriveEmulatorProcess } from './support/drive-processes.mjs';
import { rcloneDriveMissing as missing, startRcloneDrive } from './support/rclone-drive.mjs';

let emu;
let rc;
const dir = tempDir('rsyncish-drive-rclone-');
const config = join(dir, 'rsyncish.conf');
const CHUNKED = ['--drive-upload-cutoff', '256Ki', '--drive-chunk-size', '256Ki'];

before(async () => {
  if (missing) return;
  emu = await startDriveEmulatorProcess(['--auto-approve']);
  rc = await startRcloneDrive(emu, dir);
  await createDriveRemote(emu, config, 'remote', ['pacer_min_sleep=1ms']);
});
after(async () => {
  await rc?.close();
  await emu?.stop();
});

const rclone = (args) => rc.rclone(args);
const lines = (out) => out.trim().split('\n').map((l) => l.trim()).filter((l) => l !== '').sort();
const md5s = (snap) => Object.fromEntries(Object.entries(snap).map(([k, v]) => [k, v.md5]));

const tree = {
  'hello.txt': 'hello from rsyncish\n',
  'Sub Dir/data.bin': { size: 700_000, seed: 21 },
  "Sub Dir/deeper/ünïcödé 'quoted' name.txt": 'names survive\n',
  'empty.txt': '',
};

test('files uploaded by rsyncish are listed, summed and downloaded byte-identical by rclone\'s drive backend', { skip: missing }, async () => {
  const src = join(dir, 'from-rsyncish');
  makeTree(src, tree);
  const up = await rsyncish(['copy', src, 'remote:made-by-rsyncish', '-q', ...CHUNKED], { config });
  assert.equal(up.code, 0, up.stderr);
  const lsl = await rclone(['lsl', 'rc:made-by-rsyncish']);
  assert.equal(lsl.code, 0, lsl.stderr);
  const want = snapshot(src);
  // Sizes and modtimes (rclone prints them to the nanosecond; the drive keeps milliseconds).
  const listed = lines(lsl.stdout).map((l) => {
    const [size, date, time, ...name] = l.split(/\s+/);
    return [name.join(' '), Number(size), Date.parse(`${date}T${time.slice(0, 12)}Z`)];
  });
  assert.deepEqual(listed.map(([n, s]) => [n, s]).sort(), Object.entries(want).map(([n, v]) => [n, v.size]).sort());
  for (const [name, , mtime] of listed) assert.equal(mtime, Math.floor(want[name].mtimeMs), `${name}: modtime as rsyncish set it`);
  const sums = await rclone(['md5sum', 'rc:made-by-rsyncish']);
  assert.equal(sums.code, 0, sums.stderr);
  for (const line of lines(sums.stdout)) {
    const [sum, ...name] = line.split('  ');
    assert.equal(sum, want[name.join('  ')].md5, line);
  }
  const back = join(dir, 'rclone-got');
  const down = await rclone(['copy', 'rc:made-by-rsyncish', back]);
  assert.equal(down.code, 0, down.stderr);
  assert.deepEqual(md5s(snapshot(back)), md5s(want));
  const cat = await rclone(['cat', '--offset', '6', '--count', '4', 'rc:made-by-rsyncish/hello.txt']);
  assert.equal(cat.code, 0, cat.stderr);
  assert.equal(cat.stdout, 'from');
  assert.deepEqual(rc.proxy.refused, [], 'rclone asked the proxy for nothing but www.googleapis.com');
});

test('files uploaded by rclone are read byte-identical by rsyncish', { skip: missing }, async () => {
  const src = join(dir, 'from-rclone');
  makeTree(src, { ...tree, 'hello.txt': 'hello from rclone\n' });
  const up = await rclone(['copy', src, 'rc:made-by-rclone', ...CHUNKED]);
  assert.equal(up.code, 0, up.stderr);
  const ls = await rsyncish(['ls', 'remote:made-by-rclone'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(lines(ls.stdout), Object.entries(snapshot(src)).map(([n, v]) => `${v.size} ${n}`).sort());
  const back = join(dir, 'rsyncish-got');
  const down = await rsyncish(['copy', 'remote:made-by-rclone', back, '-q'], { config });
  assert.equal(down.code, 0, down.stderr);
  assert.deepEqual(md5s(snapshot(back)), md5s(snapshot(src)));
  // check compares modtimes and md5s: what rclone set, rsyncish reads the same.
  const check = await rsyncish(['check', src, 'remote:made-by-rclone', '--stats', '0'], { config });
  assert.equal(check.code, 0, check.stderr);
  const ranged = await rsyncish(['cat', '--offset', '6', '--count', '4', 'remote:made-by-rclone/hello.txt'], { config });
  assert.equal(ranged.code, 0, ranged.stderr);
  assert.equal(ranged.stdout, 'from');
});

test('a move and a delete by rclone are what rsyncish then sees, and the other way round', { skip: missing }, async () => {
  const moved = await rclone(['moveto', 'rc:made-by-rsyncish/hello.txt', 'rc:made-by-rsyncish/Sub Dir/hello-moved.txt']);
  assert.equal(moved.code, 0, moved.stderr);
  const del = await rclone(['delete', 'rc:made-by-rsyncish/empty.txt']);
  assert.equal(del.code, 0, del.stderr);
  const ls = await rsyncish(['ls', 'remote:made-by-rsyncish'], { config });
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(lines(ls.stdout), [
    "14 Sub Dir/deeper/ünïcödé 'quoted' name.txt", '20 Sub Dir/hello-moved.txt', '700000 Sub Dir/data.bin',
  ]);
  const mine = await rsyncish(['moveto', 'remote:made-by-rclone/hello.txt', 'remote:made-by-rclone/renamed.txt'], { config });
  assert.equal(mine.code, 0, mine.stderr);
  const cat = await rclone(['cat', 'rc:made-by-rclone/renamed.txt']);
  assert.equal(cat.stdout, 'hello from rclone\n');
  const gone = await rclone(['lsf', 'rc:made-by-rclone', '--files-only']);
  assert.deepEqual(lines(gone.stdout), ['empty.txt', 'renamed.txt']);
});

test('rclone about and rsyncish about read the same quota, trash included', { skip: missing }, async () => {
  const del = await rsyncish(['deletefile', 'remote:made-by-rsyncish/Sub Dir/hello-moved.txt'], { config });
  assert.equal(del.code, 0, del.stderr);
  const theirs = await rclone(['about', 'rc:', '--json']);
  assert.equal(theirs.code, 0, theirs.stderr);
  const ours = await rsyncish(['about', 'remote:', '--json'], { config });
  assert.equal(ours.code, 0, ours.stderr);
  const a = JSON.parse(theirs.stdout);
  const b = JSON.parse(ours.stdout);
  assert.ok(a.total > 0, theirs.stdout);
  for (const key of ['total', 'used', 'trashed', 'other', 'free']) assert.equal(b[key], a[key], `${key}: ${ours.stdout} vs ${theirs.stdout}`);
  // rsyncish trashes by default, as rclone: the 20 bytes it deleted count as trashed.
  assert.ok(a.trashed >= 20, `the deleted file is in the trash: ${theirs.stdout}`);
});

test('rsyncish md5sum prints what rclone md5sum prints for the same folder', { skip: missing }, async () => {
  const ours = await rsyncish(['md5sum', 'remote:made-by-rclone'], { config });
  assert.equal(ours.code, 0, ours.stderr);
  const theirs = await rclone(['md5sum', 'rc:made-by-rclone']);
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.deepEqual(lines(ours.stdout), lines(theirs.stdout));
  assert.equal(lines(ours.stdout).length, 4);
});

test('Google Docs get the same export names, sizes and bytes from rclone and rsyncish', { skip: missing }, async () => {
  const folder = await emu.control('POST', 'files', { name: 'gdocs', mimeType: 'application/vnd.google-apps.folder' });
  await emu.control('POST', 'files', { parentId: folder.id, name: 'Report', mimeType: 'application/vnd.google-apps.document', content: 'report body\n' });
  await emu.control('POST', 'files', { parentId: folder.id, name: 'Budget', mimeType: 'application/vnd.google-apps.spreadsheet', content: 'a,b\n' });
  for (const extra of [[], ['--drive-export-formats', 'odt,ods']]) {
    const theirs = await rclone(['lsjson', 'rc:gdocs', ...extra]);
    assert.equal(theirs.code, 0, theirs.stderr);
    const ours = await rsyncish(['lsjson', 'remote:gdocs', ...extra], { config });
    assert.equal(ours.code, 0, ours.stderr);
    const pick = (out) => JSON.parse(out).map((e) => `${e.Path} ${e.Size} ${e.MimeType}`).sort();
    assert.deepEqual(pick(ours.stdout), pick(theirs.stdout));
  }
  const theirs = await rclone(['cat', 'rc:gdocs/Report.docx']);
  const ours = await rsyncish(['cat', 'remote:gdocs/Report.docx'], { config });
  assert.equal(ours.stdout, theirs.stdout);
  assert.equal(ours.stdout, 'report body\n');
});

test('two files of one name: rclone lists both, rsyncish lists one and names both in a notice (docs/rclone-differences.md)', { skip: missing }, async () => {
  const folder = await emu.control('POST', 'files', { name: 'twins', mimeType: 'application/vnd.google-apps.folder' });
  const a = await emu.control('POST', 'files', { parentId: folder.id, name: 'twin.txt', content: 'one\n' });
  const b = await emu.control('POST', 'files', { parentId: folder.id, name: 'twin.txt', content: 'two!\n' });
  const theirs = await rclone(['ls', 'rc:twins']);
  assert.equal(theirs.code, 0, theirs.stderr);
  assert.deepEqual(lines(theirs.stdout), ['4 twin.txt', '5 twin.txt']);
  const ours = await rsyncish(['ls', 'remote:twins'], { config });
  assert.equal(ours.code, 0, ours.stderr);
  assert.equal(lines(ours.stdout).length, 1);
  assert.match(ours.stderr, new RegExp(`Duplicate object found: 2 items have this name \\(ids (${a.id}, ${b.id}|${b.id}, ${a.id})\\)`));
});

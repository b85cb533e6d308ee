// rclone is the oracle for names: what Debian's rclone 1.60 makes of odd ACD
// names (its acd decoding, its Linux local encoding) is what rsyncish makes of
// them, byte for byte on disk, except for bytes that are not UTF-8, which
// rclone writes raw and rsyncish writes as the ‛XX they were on the drive
// (docs/rclone-differences.md). And names rsyncish uploads are the names rclone
// lists.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { makeTree, rsyncish, tempDir } from '../helpers.mjs';
import { createAcdRemote, startEmulatorProcess } from '../support/acd-processes.mjs';
import { rcloneMissing, startRcloneAcd } from '../support/rclone-acd.mjs';

// Server names, as a web UI or another client left them.
const VALID = ['2024／01／報告書.pdf', 'report\uFFFD.txt', 'a‛‛b.txt', '．．', 'x‛／y', 'nul␀.txt'];
// NFC and NFD twins: rclone copies one and logs the other as a duplicate; rsyncish copies both.
const TWINS = ['caf\u00e9.txt', 'cafe\u0301.txt'];
// Server names whose ‛XX stand for bytes that are not UTF-8, with those bytes.
const INVALID = { 'x‛AB.txt': Buffer.from([0x78, 0xab, 0x2e, 0x74, 0x78, 0x74]), 'report‛ED‛A0‛80.txt': Buffer.from('report\xed\xa0\x80.txt', 'latin1') };

let emu;
let rc;
const dir = tempDir('rsyncish-names-rclone-');
const config = join(dir, 'rsyncish.conf');

before(async () => {
  if (rcloneMissing) return;
  emu = await startEmulatorProcess(['--auto-approve']);
  rc = await startRcloneAcd(emu, dir);
  await createAcdRemote(emu, config, 'remote');
  const { nodes } = await emu.control('GET', 'nodes');
  const root = nodes.find((n) => n.isRoot);
  const folder = await emu.control('POST', 'nodes', { name: 'odd', parentId: root.id, kind: 'FOLDER' });
  for (const name of [...VALID, ...TWINS, ...Object.keys(INVALID)]) {
    await emu.control('POST', 'nodes', { name, parentId: folder.id, content: `content of ${name}` });
  }
});
after(async () => {
  await rc?.close();
  await emu?.stop();
});

const diskNames = (d) => readdirSync(d, { encoding: 'buffer' }).map((b) => b.toString('hex')).sort();
const hex = (s) => Buffer.from(s, 'utf8').toString('hex');

test('rclone and rsyncish write the same names to a Linux disk (invalid bytes aside)', { skip: rcloneMissing }, async () => {
  const byRclone = join(dir, 'by-rclone');
  const byRsyncish = join(dir, 'by-rsyncish');
  const r1 = await rc.rclone(['copy', 'rc:odd', byRclone]);
  assert.equal(r1.code, 0, r1.stderr);
  const r2 = await rsyncish(['copy', 'remote:odd', byRsyncish], { config });
  assert.equal(r2.code, 0, r2.stderr);
  const rcloneNames = diskNames(byRclone);
  const ours = diskNames(byRsyncish);
  for (const name of VALID) {
    assert.ok(rcloneNames.includes(hex(name)) && ours.includes(hex(name)), `${name}: rclone ${rcloneNames.includes(hex(name))}, rsyncish ${ours.includes(hex(name))}`);
  }
  for (const [name, bytes] of Object.entries(INVALID)) {
    assert.ok(rcloneNames.includes(bytes.toString('hex')), `rclone writes ${name} as its raw bytes`);
    assert.ok(ours.includes(hex(name)), `rsyncish writes ${name} as it was on the drive`);
  }
  assert.deepEqual(TWINS.filter((n) => ours.includes(hex(n))), TWINS, 'rsyncish keeps both twins');
  assert.equal(TWINS.filter((n) => rcloneNames.includes(hex(n))).length, 1, 'rclone keeps one twin');
  assert.match(r1.stderr, /Duplicate object found in source - ignoring/);
  assert.equal(ours.length, rcloneNames.length + 1);
  assert.deepEqual(rc.proxy.refused, []);
});

test('names rsyncish uploads from a disk are the names rclone lists', { skip: rcloneMissing }, async () => {
  const src = join(dir, 'upload');
  const names = ['2024／01／報告書.pdf', 'a‛‛b.txt', 'report\uFFFD.txt', 'semi;colon#hash%.txt', 'café.txt', 'cafe\u0301.txt'];
  makeTree(src, Object.fromEntries(names.map((n) => [n, `content of ${n}`])));
  const up = await rsyncish(['copy', src, 'remote:uploaded'], { config });
  assert.equal(up.code, 0, up.stderr);
  const ls = await rc.rclone(['lsf', 'rc:uploaded']);
  assert.equal(ls.code, 0, ls.stderr);
  assert.deepEqual(ls.stdout.trim().split('\n').sort(), [...names].sort());
});

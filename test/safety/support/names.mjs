// Helpers for the name-safety tests: what the ACD emulator holds (by exact
// server name) and what a local tree holds (by exact on-disk bytes), so a test
// can say that no pre-existing byte was lost and that names came back unchanged.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { snapshotAcd } from './tree-snapshot.mjs';

/** Every file of the emulator as {`parent names/name`: md5}, live ones or (status 'TRASH') trashed ones. */
export function acdFiles(emu, status = 'AVAILABLE') {
  return Object.fromEntries([...snapshotAcd(emu.control, '', { status })].map(([p, f]) => [p, f.md5]));
}

/** The files under one emulator folder as {name relative to it: md5}. */
export function acdFilesUnder(emu, folder, status = 'AVAILABLE') {
  return Object.fromEntries([...snapshotAcd(emu.control, folder, { status })].map(([p, f]) => [p, f.md5]));
}

/** A folder in the emulator's root holding files under exact server names (as another client made them). */
export async function plantAcdFolder(emu, name, files) {
  const folder = await emu.control.plantNode({ name, kind: 'FOLDER' });
  for (const [n, content] of Object.entries(files)) await emu.control.plantNode({ parentId: folder.id, name: n, content });
}

/** Every file under a local folder as {`hex of the on-disk name bytes, / separated`: md5}. */
export function localFilesByBytes(root) {
  const out = {};
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir, { encoding: 'buffer' })) {
      const p = Buffer.concat([dir, Buffer.from('/'), name]);
      const r = rel ? `${rel}/${name.toString('hex')}` : name.toString('hex');
      if (statSync(p).isDirectory()) walk(p, r);
      else out[r] = md5(readFileSync(p));
    }
  };
  walk(Buffer.from(root), '');
  return out;
}

export function md5(data) {
  return createHash('md5').update(data).digest('hex');
}

/** Assert that every entry of `before` is in `after` with the same content. */
export function assertKept(assert, before, after, what) {
  for (const [path, sum] of Object.entries(before)) {
    assert.deepEqual(after[path], sum, `${what}: ${JSON.stringify(path)} lost or changed`);
  }
}

export const hex = (s) => Buffer.from(s, 'utf8').toString('hex');

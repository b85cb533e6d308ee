// Helpers for the name-safety tests: what the ACD emulator holds (by exact
// server name) and what a local tree holds (by exact on-disk bytes), so a test
// can say that no pre-existing byte was lost and that names came back unchanged.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';

/** Every file node of the emulator as {`parent names/name`: md5}, for one status (AVAILABLE by default). */
export function acdFiles(emu, status = 'AVAILABLE') {
  const all = emu.control.nodes();
  const byId = new Map(all.map((n) => [n.id, n]));
  const pathOf = (n) => {
    const parts = [];
    for (let p = n; p && !p.isRoot; p = byId.get(p.parents[0])) parts.unshift(p.name);
    return parts.join('/');
  };
  const out = {};
  for (const n of all) if (n.kind === 'FILE' && n.status === status) out[pathOf(n)] = n.contentProperties.md5;
  return out;
}

/** The id of the emulator folder at a `/`-separated path of server names ('' is the root). */
export function acdFolderId(emu, path) {
  const all = emu.control.nodes();
  let node = all.find((n) => n.isRoot);
  for (const name of path === '' ? [] : path.split('/')) {
    node = all.find((n) => n.kind === 'FOLDER' && n.status === 'AVAILABLE' && n.name === name && n.parents.includes(node.id));
  }
  return node.id;
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

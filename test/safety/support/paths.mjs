// What the path-safety tests compare: a tree as it is on disk or in the ACD
// emulator, before and after a command that must not lose anything.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { makeTree, rsyncish, tempDir } from '../../helpers.mjs';
import { startAcdRemote } from '../../support/acd-remote.mjs';
import { snapshotAcd } from './tree-snapshot.mjs';

/** Every entry under root, not following links: files by size and sha256, links by target, directories by name. */
export function treeState(root) {
  const out = {};
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = { link: readlinkSync(p) };
      else if (st.isDirectory()) {
        out[`${r}/`] = { dir: true };
        walk(p, r);
      } else if (st.isFile()) out[r] = { size: st.size, sha256: createHash('sha256').update(readFileSync(p)).digest('hex') };
      else out[r] = { special: true };
    }
  };
  walk(root, '');
  return out;
}

/** An ACD emulator with `tree` copied to `target` through the CLI; stop it with `emu.stop()`. */
export async function startAcdWith(tree, target) {
  const acd = await startAcdRemote();
  const src = join(tempDir(), 'src');
  makeTree(src, tree);
  const r = await rsyncish(['copy', src, target], { config: acd.config });
  assert.equal(r.code, 0, r.stderr);
  return acd;
}

/** The emulator's live (not trashed) files by path, with the size and MD5 of the bytes it stores. */
export function acdState(emu) {
  return Object.fromEntries(snapshotAcd(emu.control));
}

/** The command failed with this exit code and said so in exactly one line, with a hint. */
export function assertOneLineError(r, code, pattern) {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
  assert.match(lines[0], /^ERROR : /);
  assert.match(lines[0], pattern);
  assert.match(lines[0], /\(hint: .+\)$/);
}

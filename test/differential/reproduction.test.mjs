// A failing differential case prints shell commands that rebuild its trees;
// they must build exactly what the suite built, to the nanosecond.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.mjs';
import { planCase } from './case.mjs';
import { buildTree, treeScript } from './tree.mjs';

/** path -> [type, bytes, mtime in ns] for every entry under root. */
function exact(root) {
  const out = {};
  const walk = (dir, rel) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = statSync(p, { bigint: true });
      if (st.isDirectory()) {
        out[r] = ['folder'];
        walk(p, r);
      } else out[r] = ['file', readFileSync(p).toString('base64'), String(st.mtimeNs)];
    }
  };
  walk(root, '');
  return out;
}

test('the reproduction script builds the same trees as the suite, for 8 cases', () => {
  const dir = tempDir('rsyncish-differential-repro-');
  for (let index = 0; index < 8; index++) {
    const plan = planCase(1, index);
    for (const side of ['src', 'dst']) {
      const built = join(dir, `${index}-built-${side}`);
      const scripted = join(dir, `${index}-scripted-${side}`);
      buildTree(built, plan[side]);
      execFileSync('bash', ['-e', '-c', treeScript(scripted, plan[side]).join('\n')]);
      assert.deepEqual(exact(scripted), exact(built), `case ${index} ${side}`);
    }
  }
});

// A [section] without `type =` is named as such, with how to fix it, instead of
// being reported as an uninstalled backend type "".
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { rsyncish, tempDir } from '../helpers.mjs';

test('a remote without a type gets one precise line, exit 1; other remotes still work', async () => {
  const dir = tempDir();
  const config = join(dir, 'rsyncish.conf');
  writeFileSync(config, '[a]\ncopy_links = true\n\n[blank]\ntype =\n\n[b]\ntype = local\n');
  const before = readFileSync(config);
  for (const [remote, args] of [['a', ['ls', 'a:']], ['blank', ['lsd', 'blank:x']], ['a', ['config', 'update', 'a', 'copy_links=false']]]) {
    const r = await rsyncish(args, { config });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.equal(
      lines[0],
      `ERROR : remote "${remote}" has no type = in its section of ${config} ` +
        `(hint: add "type = <backend>" under [${remote}] ("rsyncish backends" lists the types), or make the remote again with "rsyncish config")`,
    );
    assert.doesNotMatch(r.stderr, /backend type ""/);
  }
  assert.deepEqual(readFileSync(config), before);
  const ok = await rsyncish(['lsd', 'b:' + dir], { config });
  assert.equal(ok.code, 0, ok.stderr);
});

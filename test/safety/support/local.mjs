// Checks that a run lost no byte of what the destination held before it.
import assert from 'node:assert/strict';
import { snapshot } from '../../helpers.mjs';

/**
 * Every file of `before` (a snapshot() of the tree taken before the run) is
 * still in `root` with the same bytes, except those named in `replaced`,
 * which must exist (replaced by a whole new version, never removed).
 */
export function assertNothingLost(before, root, replaced = []) {
  const after = snapshot(root);
  for (const [path, was] of Object.entries(before)) {
    const now = after[path];
    assert.ok(now, `${path} was on the destination before the run and is gone`);
    if (!replaced.includes(path)) assert.equal(now.md5, was.md5, `${path} changed though it should not have`);
  }
  return after;
}

/** No `.partial` temp file is left anywhere in a snapshot. */
export function assertNoPartials(snap) {
  const left = Object.keys(snap).filter((p) => p.endsWith('.partial'));
  assert.deepEqual(left, [], 'temp files were left behind');
}

// A fixed-seed run of the differential suite (test/differential/run.mjs):
// 150 random trees and copy/sync/move/check command lines, run by Debian's
// rclone and by rsyncish on identical copies. Every divergence in exit code,
// final tree or check report must be a documented difference listed in
// known-differences.json. `npm run test:differential -- --cases 3000 --seed
// random` runs a long one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knownListProblems, loadKnown } from './known.mjs';
import { rcloneMissing, runSuite, summary, undocumented } from './run.mjs';

const SEED = 20261207;
const CASES = 150;

test('every entry of known-differences.json names a section of docs/rclone-differences.md', () => {
  assert.deepEqual(knownListProblems(loadKnown()), []);
});

const skip = rcloneMissing();
test(`differential suite, seed ${SEED}, ${CASES} cases: every divergence from rclone is documented`, { skip, timeout: 20 * 60_000 }, async () => {
  const totals = await runSuite({ seed: SEED, cases: CASES, concurrency: 2 });
  assert.equal(totals.cases, CASES);
  const open = await undocumented(totals, { shrinkCases: false });
  const report = [summary(totals), ...open.map((u) => `\nNOT DOCUMENTED (${u.count} cases): ${u.signature}\n${u.reproduction}`)].join('\n');
  assert.deepEqual(open.map((u) => u.signature), [], report);
});

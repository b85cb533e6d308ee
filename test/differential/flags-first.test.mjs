// The differential suite with every global flag placed before the command
// (`rsyncish --max-size 1k --exclude '*.log' sync src dst`), as scripts
// written for rclone often place them: rsyncish must read such a line as
// rclone does, so every divergence must again be a documented one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandArgs, planCase } from './case.mjs';
import { rcloneMissing, runSuite, summary, undocumented } from './run.mjs';

const SEED = 20261219;
const CASES = 40;

test('--flags-first puts the global flags, with their values, before the command and the rest after it', () => {
  const plan = { command: 'check', flags: ['--one-way', '--max-size', '1k', '--exclude', '*.log', '--combined', 'combined.txt'], flagsFirst: true };
  assert.deepEqual(commandArgs(plan), ['--max-size', '1k', '--exclude', '*.log', 'check', 'src', 'dst', '--one-way', '--combined', 'combined.txt']);
  const drawn = planCase(SEED, 3, new Map(), true);
  assert.deepEqual(commandArgs(drawn).toSorted(), commandArgs({ ...drawn, flagsFirst: false }).toSorted());
});

const skip = rcloneMissing();
test(`differential suite with flags first, seed ${SEED}, ${CASES} cases: every divergence from rclone is documented`, { skip, timeout: 15 * 60_000 }, async () => {
  const totals = await runSuite({ seed: SEED, cases: CASES, concurrency: 2, flagsFirst: true });
  assert.equal(totals.cases, CASES);
  const open = await undocumented(totals, { shrinkCases: false });
  const report = [summary(totals), ...open.map((u) => `\nNOT DOCUMENTED (${u.count} cases): ${u.signature}\n${u.reproduction}`)].join('\n');
  assert.deepEqual(open.map((u) => u.signature), [], report);
});

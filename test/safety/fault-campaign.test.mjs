// A short, fixed-seed run of the fault campaign (test/safety/campaign/run.mjs):
// random trees and commands under random faults, no byte of a pre-existing
// file lost, and a clean re-run finishes the job. `npm run test:safety --
// --rounds 500 --seed N` runs a long one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCampaign } from './campaign/run.mjs';

const SEED = 20261207;
const ROUNDS = 16;

test(`fault campaign, seed ${SEED}, ${ROUNDS} rounds: no loss, and a clean re-run converges`, { timeout: 15 * 60_000 }, async () => {
  const lines = [];
  const totals = await runCampaign({ seed: SEED, rounds: ROUNDS, log: (l) => lines.push(l) });
  assert.equal(totals.rounds, ROUNDS);
  assert.ok(totals.files > ROUNDS * 5, `only ${totals.files} files were checked`);
  assert.ok(Object.keys(totals.faults).length >= 4, `too few kinds of fault were drawn: ${JSON.stringify(totals.faults)}`);
  assert.deepEqual(totals.failed.map((f) => f.line), [], lines.filter((l) => !l.startsWith('ok')).join('\n'));
});

#!/usr/bin/env node
// The seeded fault campaign: random trees, random commands, random faults,
// then a clean re-run, with the no-loss rule checked after each.
//
//   npm run test:safety -- --rounds 500 --seed 7      # a campaign
//   npm run test:safety -- --seed 7 --round 123       # replay one round
//
// Needs the built CLI (npm run build). A disk-full fault needs a tmpfs mount
// (root); without one those rounds draw other faults.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '@rsyncish/acd-emulator';
import { describeRound, planRound } from './plan.mjs';
import { runRound } from './round.mjs';

/** Whether this process may mount a tmpfs (for disk-full faults). */
function canMountTmpfs(work) {
  const probe = join(work, 'tmpfs-probe');
  mkdirSync(probe);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/**
 * Run rounds [first, first + rounds) of campaign `seed`. `log` gets one line
 * per round; resolves the totals and every failed round with its problems.
 */
export async function runCampaign({ seed, rounds, first = 0, log = () => {}, keep = false }) {
  const work = mkdtempSync(join(tmpdir(), 'rsyncish-campaign-'));
  const dataDir = join(work, 'acd-data');
  const emu = await startEmulator({ host: '127.0.0.1', port: 0, dataDir, saveDebounceMs: 0 });
  const config = join(work, 'rsyncish.conf');
  const t = emu.control.issueToken({ ttl: '24h' });
  const token = JSON.stringify({ access_token: t.access_token, token_type: t.token_type, refresh_token: t.refresh_token, expiry: t.expiry });
  writeFileSync(config, [
    '[acd]', 'type = acd', 'client_id = campaign', 'client_secret = campaign-secret',
    `endpoint = ${emu.url}/drive/v1/`, `auth_url = ${emu.url}/ap/oa`, `token_url = ${emu.url}/auth/o2/token`,
    `token = ${token}`, '',
  ].join('\n'), { mode: 0o600 });
  const can = { diskFull: canMountTmpfs(work) };
  const totals = { rounds: 0, files: 0, faults: {}, failed: [], diskFull: can.diskFull };
  try {
    for (let round = first; round < first + rounds; round++) {
      const plan = planRound(seed, round, can);
      const line = describeRound(plan);
      const result = await runRound(plan, { emu, config, work, blobsDir: join(dataDir, 'blobs') });
      totals.rounds++;
      totals.files += result.files;
      for (const k of Object.keys(plan.faults)) {
        const key = k === 'signal' ? plan.faults.signal.name : k;
        totals.faults[key] = (totals.faults[key] ?? 0) + 1;
      }
      if (result.problems.length > 0) totals.failed.push({ round, line, problems: result.problems });
      log(`${result.problems.length ? 'FAIL' : 'ok  '} ${line} | exit ${result.exit}, re-run ${result.rerunExit}`);
      for (const p of result.problems) log(`     ${p}`);
    }
  } finally {
    await emu.stop();
    if (!keep || totals.failed.length === 0) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work} for the failed rounds`);
  }
  return totals;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '50' },
      round: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const seed = Number(values.seed);
  const first = values.round !== undefined ? Number(values.round) : 0;
  const rounds = values.round !== undefined ? 1 : Number(values.rounds);
  if (!Number.isInteger(seed) || !Number.isInteger(first) || !Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npm run test:safety -- [--seed N] [--rounds N | --round N] [--quiet] [--keep]');
    process.exit(2);
  }
  const started = Date.now();
  const totals = await runCampaign({ seed, rounds, first, keep: values.keep, log: (l) => (values.quiet && l.startsWith('ok') ? undefined : console.log(l)) });
  const faults = Object.entries(totals.faults).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`seed ${seed}: ${totals.rounds} rounds, ${totals.files} files checked, faults injected: ${faults || 'none'}` +
    `${totals.diskFull ? '' : ' (no tmpfs: no disk-full faults)'}; ${totals.failed.length} rounds failed; ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(totals.failed.length > 0 ? 1 : 0);
}

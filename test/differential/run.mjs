#!/usr/bin/env node
// The differential suite: random trees and random copy/sync/move/check
// command lines, each run by Debian's rclone and by rsyncish on identical
// copies, with the final trees, exit codes and check reports compared.
//
//   npm run test:differential -- --cases 3000 --seed random   # a long run
//   npm run test:differential -- --seed 7 --case 123          # replay one case
//   npm run test:differential -- --flags-first                # global flags before the command
//
// Every divergence must match an entry of known-differences.json, which
// names the section of docs/rclone-differences.md that explains it; the run
// exits 1 when one does not. Needs the built CLI (npm run build) and rclone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { caseTags, commandArgs, planCase, reproduction, runCase, shrink } from './case.mjs';
import { missingFlags } from './command.mjs';
import { knownEntry, knownListProblems, loadKnown } from './known.mjs';

const KINDS = { exit: 'exit code', tree: 'tree', report: 'check report' };

/** Why the suite cannot run here, or undefined when rclone is installed. */
export function rcloneMissing() {
  const r = spawnSync('rclone', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'rclone is not installed (apt-get install rclone)';
}

/**
 * Run cases [first, first + cases) of suite `seed`, `concurrency` at a time.
 * `log` gets one line per diverging case. Resolves the totals: every
 * divergence class with its count, first case and known entry.
 */
export async function runSuite({ seed, cases, first = 0, concurrency = 2, log = () => {}, keep = false, known = loadKnown(), flagsFirst = false }) {
  const work = mkdtempSync(join(tmpdir(), 'rsyncish-differential-'));
  const config = join(work, 'empty.conf');
  writeFileSync(config, '');
  const missing = missingFlags();
  const classes = new Map();
  const totals = { seed, cases: 0, diverged: 0, byKind: { exit: 0, tree: 0, report: 0 }, classes, missing, work, config };
  let next = first;
  const worker = async () => {
    while (next < first + cases) {
      const plan = planCase(seed, next++, missing, flagsFirst);
      const { divergences } = await runCase(plan, { work, config, keep });
      totals.cases++;
      if (divergences.length === 0) continue;
      totals.diverged++;
      for (const kind of new Set(divergences.map((d) => d.kind))) totals.byKind[kind]++;
      const tags = caseTags(plan);
      for (const d of divergences) {
        // One signature can be known in some cases (a clash, a flag) and not in
        // others: each half is a class of its own, with a case of its own.
        const entry = knownEntry(known, d, tags);
        const key = `${d.signature}\0${entry?.docs ?? ''}`;
        if (!classes.has(key)) classes.set(key, { signature: d.signature, kind: d.kind, count: 0, plan, detail: d.detail, known: entry });
        classes.get(key).count++;
      }
      log(`case ${plan.index}: ${commandArgs(plan).join(' ')}\n${divergences.map((d) => `    ${d.signature}: ${d.detail}`).join('\n')}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
  return totals;
}

/** The summary: counts per kind and per class, the flags left out, the known list's problems. */
export function summary(totals, seconds, known = loadKnown()) {
  const lines = [];
  const kinds = Object.entries(KINDS).map(([k, name]) => `${name} ${totals.byKind[k]}`).join(', ');
  lines.push(`seed ${totals.seed}: ${totals.cases} cases, ${totals.diverged} diverged (cases per kind: ${kinds})${seconds === undefined ? '' : `; ${seconds} s`}`);
  const sorted = [...totals.classes].sort((a, b) => b[1].count - a[1].count);
  for (const [, c] of sorted) {
    lines.push(`  ${String(c.count).padStart(5)}  ${c.signature}  ${c.known ? `[known: ${c.known.docs}]` : '[NOT DOCUMENTED]'}  e.g. --case ${c.plan.index}`);
  }
  const left = [...totals.missing].filter(([, flags]) => flags.size > 0).map(([cmd, flags]) => `${cmd} ${[...flags].join(' ')}`);
  lines.push(left.length ? `flags rsyncish lacks, left out of every case: ${left.join('; ')}` : 'every drawn flag exists in rsyncish');
  for (const p of knownListProblems(known)) lines.push(`known-differences.json: ${p}`);
  return lines.join('\n');
}

/** Undocumented classes, each with a (shrunk) reproduction of its first case. */
export async function undocumented(totals, { shrinkCases = true } = {}) {
  const out = [];
  const work = mkdtempSync(join(tmpdir(), 'rsyncish-differential-shrink-'));
  const config = join(work, 'empty.conf');
  writeFileSync(config, '');
  try {
    for (const c of totals.classes.values()) {
      if (c.known) continue;
      const plan = shrinkCases ? await shrink(c.plan, c.signature, { work, config }) : c.plan;
      out.push({ signature: c.signature, count: c.count, reproduction: reproduction(plan) });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const usage = 'usage: npm run test:differential -- [--seed N|random] [--cases N | --case K] [--concurrency N] [--flags-first] [--no-shrink] [--keep] [--quiet]';
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: 'string', default: '1' },
        cases: { type: 'string', default: '300' },
        case: { type: 'string' },
        concurrency: { type: 'string', default: '2' },
        'flags-first': { type: 'boolean', default: false },
        'no-shrink': { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${err.message}\n${usage}`);
    process.exit(2);
  }
  const seed = values.seed === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const first = values.case !== undefined ? Number(values.case) : 0;
  const cases = values.case !== undefined ? 1 : Number(values.cases);
  const concurrency = Number(values.concurrency);
  if (![seed, first, cases, concurrency].every(Number.isInteger) || cases < 1 || concurrency < 1) {
    console.error(usage);
    process.exit(2);
  }
  const why = rcloneMissing();
  if (why) {
    console.error(`cannot run: ${why}`);
    process.exit(2);
  }
  const started = Date.now();
  const flagsFirst = values['flags-first'];
  const totals = await runSuite({ seed, cases, first, concurrency, flagsFirst, keep: values.keep, log: (l) => values.quiet || console.log(l) });
  console.log(summary(totals, Math.round((Date.now() - started) / 1000)));
  // A replayed case prints its whole reproduction; shrunk ones follow when asked for.
  if (values.case !== undefined) console.log(`\n${reproduction(planCase(seed, first, totals.missing, flagsFirst))}`);
  const open = await undocumented(totals, { shrinkCases: !values['no-shrink'] });
  const shown = values.case !== undefined && values['no-shrink'] ? [] : open;
  for (const u of shown) console.log(`\nNOT DOCUMENTED (${u.count} cases): ${u.signature}\n${u.reproduction}`);
  process.exit(open.length > 0 || knownListProblems(loadKnown()).length > 0 ? 1 : 0);
}

// One differential case: draw it from (seed, index), build identical trees for
// rclone and rsyncish, run the same command line with each, and compare.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers.mjs';
import { roundSeed, seededRandom } from '../safety/campaign/random.mjs';
import { planCommand, RCLONE_COMMAND_FLAGS, REPORT } from './command.mjs';
import { exitDivergences, readReport, reportDivergences, snapshotTree, treeDivergences } from './compare.mjs';
import { buildTree, planTrees, shellQuote, treeScript } from './tree.mjs';

/** A run longer than this is stuck (the trees are a few hundred KiB at most). */
const STUCK_MS = 120_000;

/**
 * The case `index` of the suite `seed`; `missing` as for planCommand. With
 * `flagsFirst` the global flags go before the command, as scripts written for
 * rclone often put them; the draw is the same either way.
 */
export function planCase(seed, index, missing, flagsFirst = false) {
  const rng = seededRandom(roundSeed(seed, index));
  const { src, dst, features } = planTrees(rng);
  const { command, flags } = planCommand(rng, missing);
  return { seed, index, src, dst, features, command, flags, flagsFirst };
}

/**
 * What a known difference may require of a case: its command, its features
 * ('clash'), its flags by name, and each flag with its value (`--max-size=1`).
 */
export const caseTags = (plan) => [plan.command, ...plan.features,
  ...flagUnits(plan.flags).flatMap((u) => (u.length > 1 ? [u[0], `${u[0]}=${u.slice(1).join(' ')}`] : u))];

/** The command line both tools run, after the program's name. */
export function commandArgs(plan) {
  if (!plan.flagsFirst) return [plan.command, 'src', 'dst', ...plan.flags];
  const units = flagUnits(plan.flags);
  const own = units.filter((u) => RCLONE_COMMAND_FLAGS.has(u[0]));
  const global = units.filter((u) => !RCLONE_COMMAND_FLAGS.has(u[0]));
  return [...global.flat(), plan.command, 'src', 'dst', ...own.flat()];
}

/** Run `program args` in `cwd` with no config and no flags from the environment. */
function runTool(program, args, cwd, config) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(RCLONE|RSYNCISH)_/.test(k)));
  env.RCLONE_CONFIG = config;
  env.RSYNCISH_CONFIG = config;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let stuck = false;
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stuck = true;
      child.kill('SIGKILL');
    }, STUCK_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stuck, stderrTail: stderr.trim().split('\n').slice(-3).join(' | ') });
    });
  });
}

/**
 * Run the case under `work` (a folder of its own is made and removed).
 * `config` is an empty config file both tools read. Resolves the
 * divergences (see compare.mjs) and both exit codes.
 */
export async function runCase(plan, { work, config, keep = false }) {
  const dir = join(work, `case-${plan.index}-${process.hrtime.bigint()}`);
  const [rcloneDir, rsyncishDir] = [join(dir, 'rclone'), join(dir, 'rsyncish')];
  mkdirSync(dir, { recursive: true });
  try {
    buildTree(join(rcloneDir, 'src'), plan.src);
    buildTree(join(rcloneDir, 'dst'), plan.dst);
    // cp -a keeps the nanoseconds of every modtime, so both copies are identical.
    const cp = spawnSync('cp', ['-a', rcloneDir, rsyncishDir], { encoding: 'utf8' });
    if (cp.status !== 0) throw new Error(`cp -a failed: ${cp.stderr}`);

    const args = commandArgs(plan);
    const rclone = await runTool('rclone', args, rcloneDir, config);
    const rsyncish = await runTool(CLI, args, rsyncishDir, config);
    const divergences = exitDivergences(plan.command, rclone, rsyncish);
    for (const side of ['src', 'dst']) {
      divergences.push(...treeDivergences(plan.command, side, snapshotTree(join(rcloneDir, side)), snapshotTree(join(rsyncishDir, side))));
    }
    if (plan.command === 'check') {
      divergences.push(...reportDivergences(readReport(join(rcloneDir, REPORT)), readReport(join(rsyncishDir, REPORT))));
    }
    return { divergences, rcloneExit: rclone.code, rsyncishExit: rsyncish.code };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** Shell commands that rebuild the case's trees and run both tools on copies of them. */
export function reproduction(plan) {
  const line = commandArgs(plan).map(shellQuote).join(' ');
  return [
    `# differential case --seed ${plan.seed} --case ${plan.index}${plan.flagsFirst ? ' --flags-first' : ''} (bash)`,
    'd=$(mktemp -d) && cd "$d" && : > empty.conf && export RCLONE_CONFIG="$d/empty.conf" RSYNCISH_CONFIG="$d/empty.conf"',
    ...treeScript('r/src', plan.src),
    ...treeScript('r/dst', plan.dst),
    'cp -a r s',
    `(cd r && rclone ${line}; echo "rclone exit $?")`,
    `(cd s && ${shellQuote(CLI)} ${line}; echo "rsyncish exit $?")`,
    ...(plan.command === 'check' ? [`diff <(sort r/${REPORT}) <(sort s/${REPORT})`] : []),
    "find r s -printf '%p %y %s %TY-%Tm-%Td %TT\\n' | sort",
  ].join('\n');
}

/**
 * Make a diverging case smaller: drop files, empty folders and flags one at
 * a time (one pass, last first), keeping each drop after which the case
 * still shows `signature`. At most `budget` re-runs. Resolves the smallest
 * plan found.
 */
export async function shrink(plan, signature, env, budget = 60) {
  let best = plan;
  let runs = 0;
  const attempt = async (candidate) => {
    if (runs >= budget) return;
    runs++;
    const { divergences } = await runCase(candidate, env);
    if (divergences.some((d) => d.signature === signature)) best = candidate;
  };
  for (const side of ['src', 'dst']) {
    for (const part of ['files', 'emptyDirs']) {
      for (let i = best[side][part].length - 1; i >= 0; i--) {
        await attempt({ ...best, [side]: { ...best[side], [part]: best[side][part].filter((_, j) => j !== i) } });
      }
    }
  }
  const units = flagUnits(best.flags);
  for (let i = units.length - 1; i >= 0; i--) {
    if (units[i][0] === '--combined') continue;
    const kept = flagUnits(best.flags).filter((u) => u.join('\0') !== units[i].join('\0'));
    await attempt({ ...best, flags: kept.flat() });
  }
  return best;
}

/** Flags grouped with their values: [['--max-size', '1k'], ['--dry-run']]. */
function flagUnits(flags) {
  const units = [];
  for (const f of flags) {
    if (f.startsWith('--') || units.length === 0) units.push([f]);
    else units[units.length - 1].push(f);
  }
  return units;
}

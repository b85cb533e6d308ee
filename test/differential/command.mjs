// The command of one differential case: copy, sync, move or check, with a
// random draw of the flags that change what they decide. Both tools get the
// same argument list, `<command> src dst ...flags`, run from the case's folder.
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers.mjs';

/** Where check writes its --combined report, in the folder it runs from. */
export const REPORT = 'combined.txt';

/** Filter sets that match names the tree generator uses. */
const FILTERS = [
  ['--exclude', '*.log'],
  ['--exclude', 'sub dir/**'],
  ['--exclude', '/z/**'],
  ['--include', '*.txt'],
  ['--filter', '- *.bin', '--filter', '+ **'],
  ['--filter', '+ *.md', '--filter', '+ */', '--filter', '- *'],
  ['--exclude', 'a'],
  ['--exclude', '{é*,日本語.txt}'],
];

/** Every flag the generator may draw for each command, so the ones rsyncish lacks can be named. */
const COMMON = ['--max-size', '--min-size', '--exclude', '--include', '--filter'];
const TRANSFER = [...COMMON, '--size-only', '--checksum', '--ignore-times', '--update', '--ignore-existing',
  '--create-empty-src-dirs', '--dry-run'];
export const DRAWN_FLAGS = {
  copy: TRANSFER,
  sync: [...TRANSFER, '--delete-before', '--delete-during', '--delete-after', '--delete-excluded'],
  move: [...TRANSFER, '--delete-empty-src-dirs'],
  check: [...COMMON, '--one-way', '--size-only', '--combined'],
};

/**
 * Drawn flags that are the command's own in rclone, not global: rclone reads
 * them only after the command, so --flags-first leaves them there.
 */
export const RCLONE_COMMAND_FLAGS = new Set(['--create-empty-src-dirs', '--delete-empty-src-dirs', '--one-way', '--combined']);

/**
 * The command and flags of a case. `missing` (command -> Set of flags) holds
 * flags rsyncish lacks: they are drawn but left out, so the draw of every
 * other case stays the same once they exist.
 */
export function planCommand(rng, missing = new Map()) {
  const command = rng.pick(['copy', 'copy', 'sync', 'sync', 'move', 'check', 'check']);
  const flags = [];
  const add = (...f) => {
    if (!missing.get(command)?.has(f[0])) flags.push(...f);
  };
  if (command === 'check') {
    if (rng.chance(0.3)) add('--one-way');
    if (rng.chance(0.3)) add('--size-only');
  } else {
    const r = rng.next();
    if (r < 0.12) add('--size-only');
    else if (r < 0.24) add('--checksum');
    else if (r < 0.34) add('--ignore-times');
    if (rng.chance(0.15)) add('--update');
    if (rng.chance(0.12)) add('--ignore-existing');
    if (rng.chance(0.3)) add('--create-empty-src-dirs');
    if (rng.chance(0.12)) add('--dry-run');
    if (command === 'sync') {
      const mode = rng.pick([undefined, undefined, '--delete-before', '--delete-during', '--delete-after']);
      if (mode) add(mode);
    }
    if (command === 'move' && rng.chance(0.25)) add('--delete-empty-src-dirs');
  }
  if (rng.chance(0.15)) add('--max-size', rng.pick(['0', '1', '10k', '1000b']));
  if (rng.chance(0.06)) add('--min-size', rng.pick(['1', '2k']));
  if (rng.chance(0.3)) {
    const set = rng.pick(FILTERS);
    for (let i = 0; i < set.length; i += 2) add(set[i], set[i + 1]);
    if (command === 'sync' && rng.chance(0.3)) add('--delete-excluded');
  }
  if (command === 'check') add('--combined', REPORT);
  return { command, flags };
}

/** command -> the drawn flags that neither `rsyncish <command> --help` nor `rsyncish help flags` lists. */
export function missingFlags() {
  const missing = new Map();
  const global = spawnSync(CLI, ['help', 'flags'], { encoding: 'utf8' }).stdout ?? '';
  for (const [command, drawn] of Object.entries(DRAWN_FLAGS)) {
    const help = global + (spawnSync(CLI, [command, '--help'], { encoding: 'utf8' }).stdout ?? '');
    missing.set(command, new Set(drawn.filter((f) => !new RegExp(`${f}(?![\\w-])`).test(help))));
  }
  return missing;
}

/** A glob rclone cannot see directories through: `/` or `**` inside `{}`, or a `{{regexp}}`. */
const TOO_HARD = /(\{[^{}]*(\*\*|\/)[^{}]*\})|\{\{|\}\}/;

/**
 * The directory globs a file glob could live under, so an include rule keeps
 * the directories leading to its files, as rclone's globToDirGlobs: each
 * prefix ending at a `/` or a `**`, longest first. A glob too hard to split
 * answers "any directory" (`/**`).
 */
export function globToDirGlobs(glob: string): string[] {
  if (TOO_HARD.test(glob)) return ['/**'];
  let g = glob.replace(/\/{2,}/g, '/');
  const out: string[] = [];
  for (;;) {
    let i = g.lastIndexOf('/');
    const j = g.lastIndexOf('**');
    let what = '';
    if (j > i) {
      i = j;
      what = '**';
    }
    if (i < 0) {
      if (out.length === 0) out.push('/**');
      break;
    }
    g = g.slice(0, i);
    const dirGlob = `${g}${what}/`;
    if (out[out.length - 1] !== dirGlob) out.push(dirGlob);
  }
  return out;
}

/** Short flags that take no value, so `-vn` may be read as `-v -n` (as rclone/pflag does). */
const BOOLEAN_SHORTS = new Set(['v', 'q', 'n', 'c', 'u', 'I', 'L', 'R']);

export interface NormalisedArgv {
  argv: string[];
  /** How many times -v/--verbose was given: 1 = info, 2 or more = debug. */
  verbosity: number;
}

/**
 * oclif has no counting flags and reads `-vv` as an unknown flag, so before
 * parsing: expand clusters of boolean short flags, count every -v/--verbose and
 * keep a single `--verbose` for oclif to see. Nothing after `--` is touched.
 */
export function normaliseArgv(argv: readonly string[]): NormalisedArgv {
  const out: string[] = [];
  let verbosity = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    for (const a of expandCluster(arg)) {
      if (a === '-v' || a === '--verbose') verbosity++;
      else out.push(a);
    }
  }
  if (verbosity > 0) out.push('--verbose');
  return { argv: out, verbosity };
}

function expandCluster(arg: string): string[] {
  if (!/^-[A-Za-z]{2,}$/.test(arg)) return [arg];
  const letters = [...arg.slice(1)];
  return letters.every((l) => BOOLEAN_SHORTS.has(l)) ? letters.map((l) => `-${l}`) : [arg];
}

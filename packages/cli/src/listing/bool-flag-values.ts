/**
 * rclone turns off a boolean that defaults to true with `--dir-slash=false`
 * (or `-d=false`); oclif reads `=false` on a boolean as true. Rewrite those
 * spellings to oclif's `--no-<name>` before parsing. Nothing after `--` is touched.
 */
export function rewriteBoolValues(argv: readonly string[], name: string, char?: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return [...out, ...argv.slice(i)];
    const m = /^(?:--([a-z-]+)|-([A-Za-z]))=(.*)$/.exec(arg);
    if (m && (m[1] === name || (char !== undefined && m[2] === char))) {
      const value = m[3].toLowerCase();
      if (['false', 'f', '0'].includes(value)) out.push(`--no-${name}`);
      else if (['true', 't', '1'].includes(value)) out.push(`--${name}`);
      else out.push(arg);
      continue;
    }
    out.push(arg);
  }
  return out;
}

import type { BackendDefinition } from '@rsyncish/core';

/** Option values from `--<type>-<option>` flags: type -> option (snake_case) -> raw value. */
export type BackendFlagValues = Record<string, Record<string, string>>;

export interface ExtractedBackendFlags {
  /** argv without the backend option flags, for oclif to parse. */
  argv: string[];
  values: BackendFlagValues;
}

/**
 * Pull `--<type>-<option>[=value]` out of argv for every option of every
 * registered backend, before oclif sees them: they are not oclif flags because
 * plugins add them at run time. Bool options take no value (`--local-skip-links`)
 * unless given one with `=`; other options take `=value` or the next argument.
 */
export function extractBackendFlags(argv: readonly string[], definitions: readonly BackendDefinition[]): ExtractedBackendFlags {
  const known = new Map<string, { type: string; option: string; bool: boolean }>();
  for (const def of definitions) {
    for (const opt of def.options) {
      const flag = `--${def.type}-${opt.name}`.replace(/_/g, '-');
      known.set(flag, { type: def.type, option: opt.name, bool: opt.type === 'bool' });
    }
  }
  const out: string[] = [];
  const values: BackendFlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const spec = known.get(name);
    if (!spec) {
      out.push(arg);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (spec.bool) value = 'true';
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined) {
      // Leave it for oclif, which reports the flag as missing its value in the usual one line.
      out.push(arg);
      continue;
    }
    (values[spec.type] ??= {})[spec.option] = value;
  }
  return { argv: out, values };
}

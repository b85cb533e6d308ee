import type { OptionSpec } from '../contract/index.js';
import { ConfigError, MissingOptionError } from '../errors/index.js';
import { NotObscuredError, reveal } from '../obscure/index.js';
import { checkChoice, missingRequired } from '../options/option-rules.js';
import { parseDuration, parseSize } from '../units/index.js';

export type OptionValue = string | number | boolean | undefined;

/** `templink_threshold` of `acd` -> `--acd-templink-threshold`. */
export function optionFlagName(type: string, option: string): string {
  return `${type}-${option}`.replace(/_/g, '-');
}

/** `templink_threshold` of `acd` -> `RSYNCISH_ACD_TEMPLINK_THRESHOLD`. */
export function optionEnvName(type: string, option: string): string {
  return `RSYNCISH_${type}_${option}`.toUpperCase().replace(/-/g, '_');
}

export interface OptionSources {
  /** Values from `--type-option` flags, keyed by the option's snake_case name. */
  flags?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  /** The remote's config section. */
  section?: Record<string, string>;
}

/**
 * Resolve every option of a backend, highest priority first: flag, env var,
 * config section, default. Then parse each by its declared type. A required
 * option left without a value is refused here, when the remote is opened,
 * rather than by whatever request first needs it.
 */
export function resolveOptions(
  type: string,
  specs: OptionSpec[],
  sources: OptionSources,
  where: string,
): Record<string, OptionValue> {
  const env = sources.env ?? process.env;
  const out: Record<string, OptionValue> = {};
  for (const spec of specs) {
    const raw =
      sources.flags?.[spec.name] ??
      env[optionEnvName(type, spec.name)] ??
      sources.section?.[spec.name] ??
      spec.default;
    out[spec.name] = raw === undefined || raw === '' ? parseDefault(spec) : parseOption(spec, spec.password ? revealOption(spec, raw, where) : raw, where);
  }
  const missing = missingRequired(specs, (name) => out[name]);
  if (missing) {
    throw new MissingOptionError(missing.name, where, `set it in the config file ("rsyncish config update <remote> ${missing.name}=VALUE"), with --${optionFlagName(type, missing.name)} or ${optionEnvName(type, missing.name)}`);
  }
  return out;
}

/** As rclone: a password option is obscured wherever it comes from, the config file, an env var or a flag. */
function revealOption(spec: OptionSpec, raw: string, where: string): string {
  try {
    return reveal(raw);
  } catch (err) {
    if (!(err instanceof NotObscuredError)) throw err;
    throw new ConfigError(`option ${spec.name} (${where}) is not obscured: ${err.message}`, {
      hint: 'password options are stored obscured, as rclone stores them: set the value "rsyncish obscure PASSWORD" prints, or use "rsyncish config update", which obscures it',
    });
  }
}

function parseDefault(spec: OptionSpec): OptionValue {
  return spec.type === 'bool' ? false : undefined;
}

export function parseOption(spec: OptionSpec, raw: string, where: string): OptionValue {
  const what = `option ${spec.name} (${where})`;
  checkChoice(spec, raw, where);
  switch (spec.type) {
    case 'string':
      return raw;
    case 'bool': {
      // rclone scans a bool option with Go's fmt: 1, t, true (any case) and their opposites; it refuses yes/on.
      const v = raw.trim().toLowerCase();
      if (v === '1' || v === 't' || v === 'true') return true;
      if (v === '0' || v === 'f' || v === 'false') return false;
      throw new ConfigError(`invalid ${what}: "${raw}" is not true or false`, { hint: 'use true or false (1/0 and t/f work too, as in rclone)' });
    }
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) {
        throw new ConfigError(`invalid ${what}: "${raw}" is not a whole number`, { hint: 'use a number like 8' });
      }
      const n = Number(raw);
      // Past 2^53 a number loses digits: 99999999999999999999 would quietly become 1e20.
      if (!Number.isSafeInteger(n)) {
        throw new ConfigError(`invalid ${what}: "${raw.trim()}" is too big`, { hint: `use a number from ${-Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}` });
      }
      return n;
    }
    case 'size':
      return parseSize(raw, what);
    case 'duration':
      return parseDuration(raw, what);
  }
}

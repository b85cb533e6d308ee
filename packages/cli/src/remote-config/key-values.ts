import { isObscured, obscure, parseOption, reveal, UsageError, type BackendDefinition } from '@rsyncish/core';
import type { PasswordMode } from './obscure-flags.js';

// rclone's rule for remote names: letters, digits, `_ - . + @` and inner spaces.
const REMOTE_NAME_RE = /^[\w.+@-](?:[\w.+@ -]*[\w.+@-])?$/;

export function assertRemoteName(name: string): void {
  if (!REMOTE_NAME_RE.test(name) || name.startsWith('-')) {
    throw new UsageError('ERR_BAD_REMOTE_NAME', `invalid remote name ${JSON.stringify(name)}`, {
      hint: 'use letters, digits, "_", "-", ".", "+", "@" and inner spaces, not starting with "-"',
    });
  }
}

/**
 * `key=value` arguments checked against the backend's options: the key must be
 * one of its options (config-file spelling, snake_case; dashes are accepted)
 * and the value must parse as the option's type. Values are kept as typed,
 * except that a password is obscured unless it already is (rclone's rule for
 * `config create`/`update`; `--obscure` forces it for a plain password that
 * happens to look obscured, `--no-obscure` stores it as given).
 */
export function parseKeyValues(args: readonly string[], def: BackendDefinition, remote: string, passwords: PasswordMode = 'auto'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new UsageError('ERR_BAD_KEY_VALUE', `expected key=value, got ${JSON.stringify(arg.length > 40 ? `${arg.slice(0, 37)}...` : arg)}`, {
        hint: `for example: rsyncish config create ${remote} ${def.type} ${def.options[0]?.name ?? 'key'}=value`,
      });
    }
    const key = arg.slice(0, eq).trim().replace(/-/g, '_');
    const value = arg.slice(eq + 1);
    const spec = def.options.find((o) => o.name === key);
    if (!spec) {
      const names = def.options.map((o) => o.name).join(', ') || 'none';
      throw new UsageError('ERR_UNKNOWN_OPTION', `${JSON.stringify(key)} is not an option of backend type "${def.type}"`, {
        hint: `its options are: ${names} (see "rsyncish backends")`,
      });
    }
    if (/[\r\n]/.test(value)) {
      // Written as is, the rest of the value would be lines of the config file: new sections, new keys.
      throw new UsageError('ERR_LINE_BREAK_IN_VALUE', `the value of "${key}" contains a line break`, {
        hint: 'config values are single lines: pass it without newlines; nothing was written',
      });
    }
    if (spec.password) {
      out[key] = storedPassword(key, value, passwords);
      continue;
    }
    parseOption(spec, value, `remote "${remote}"`);
    out[key] = value;
  }
  return out;
}

function storedPassword(key: string, value: string, mode: PasswordMode): string {
  if (value === '') return value;
  if (mode === 'obscure' || (mode === 'auto' && !isObscured(value))) return obscure(value);
  if (mode === 'as-given') {
    try {
      reveal(value);
    } catch {
      throw new UsageError('ERR_NOT_OBSCURED', `the value of "${key}" is not obscured, but --no-obscure says it is`, {
        hint: 'drop --no-obscure to have it obscured, or give the output of "rsyncish obscure"',
      });
    }
  }
  return value;
}

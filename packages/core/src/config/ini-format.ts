import { ConfigError } from '../errors/index.js';

/** The line that starts the ciphertext of a config file rclone has encrypted. */
const RCLONE_ENCRYPTED_MARK = 'RCLONE_ENCRYPT_V0:';

/** Sections in file order; keys in file order within each. */
export type ConfigSections = Map<string, Map<string, string>>;

/**
 * Parse rclone's config format: `[name]` headers and `key = value` lines, with
 * `#`/`;` comment lines. Values are raw (a token's JSON keeps its `#`, `;` and
 * `=`), and section names may contain dots — two reasons the `ini` package,
 * which strips inline comments and nests dotted sections, is not used here.
 * Anything else is an error naming the file and line.
 */
export function parseConfig(text: string, file: string): ConfigSections {
  const sections: ConfigSections = new Map();
  let current: Map<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.some((l) => l.trim() === RCLONE_ENCRYPTED_MARK)) {
    throw new ConfigError(`config file ${file} is encrypted with rclone's config encryption, which rsyncish does not read`, {
      hint: 'remove the encryption in "rclone config" (s, set configuration password, then r, remove), or pass an unencrypted copy with --config',
    });
  }
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const where = `${file}:${i + 1}`;
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (line.startsWith('[')) {
      const m = /^\[([^\]]+)\]$/.exec(line);
      if (!m || m[1].trim() === '') {
        throw new ConfigError(`malformed config file ${where}: bad section header ${JSON.stringify(line)}`, {
          hint: 'a section header looks like [remote]; fix or remove that line',
        });
      }
      const name = m[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError(`malformed config file ${where}: expected "key = value", got ${JSON.stringify(truncate(line))}`, {
        hint: 'each line must be [section], key = value, or a # comment',
      });
    }
    if (!current) {
      throw new ConfigError(`malformed config file ${where}: "${line.slice(0, eq).trim()}" is outside any [section]`, {
        hint: 'put options under a [remote] header',
      });
    }
    current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  });
  return sections;
}

/**
 * The file's text. Every name, key and value must stay on its line: one with a
 * line break could add a `[section]` or a key of its own choosing (rclone writes
 * it as is; we refuse), so such a config is an error and nothing is written.
 */
export function serializeConfig(sections: ConfigSections, file = 'the config file'): string {
  const out: string[] = [];
  for (const [name, values] of sections) {
    assertSectionName(name, file);
    out.push(`[${name}]`);
    for (const [k, v] of values) {
      assertKey(name, k, file);
      if (LINE_BREAK.test(v)) throw lineBreakError(`the value of "${k}" for remote "${name}"`, file);
      out.push(`${k} = ${v}`);
    }
    out.push('');
  }
  return out.join('\n');
}

const LINE_BREAK = /[\r\n]/;

function assertSectionName(name: string, file: string): void {
  if (LINE_BREAK.test(name)) throw lineBreakError(`the remote name ${JSON.stringify(truncate(name))}`, file);
  if (name.trim() === '' || name.includes(']')) {
    throw new ConfigError(`cannot write ${file}: ${JSON.stringify(truncate(name))} cannot be a remote name`, {
      hint: 'a remote name is letters, digits, "_", "-", ".", "+", "@" and inner spaces',
    });
  }
}

function assertKey(remote: string, key: string, file: string): void {
  if (LINE_BREAK.test(key)) throw lineBreakError(`the option name ${JSON.stringify(truncate(key))} of remote "${remote}"`, file);
  if (key.trim() === '' || key.includes('=') || /^\s*[[#;]/.test(key)) {
    throw new ConfigError(`cannot write ${file}: ${JSON.stringify(truncate(key))} cannot be an option name (remote "${remote}")`, {
      hint: 'an option name is the backend\'s option, e.g. copy_links (see "rsyncish backends")',
    });
  }
}

function lineBreakError(what: string, file: string): ConfigError {
  return new ConfigError(`cannot write ${file}: ${what} contains a line break`, {
    hint: 'config values are single lines; remove the newline (a value with one could add sections of its own)',
  });
}

function truncate(s: string): string {
  // Never echo a long line: it may hold a secret.
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

import { ConfigError } from '../errors/index.js';

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

export function serializeConfig(sections: ConfigSections): string {
  const out: string[] = [];
  for (const [name, values] of sections) {
    out.push(`[${name}]`);
    for (const [k, v] of values) out.push(`${k} = ${v}`);
    out.push('');
  }
  return out.join('\n');
}

function truncate(s: string): string {
  // Never echo a long line: it may hold a secret.
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

import { UsageError } from '../errors/index.js';

/**
 * Turn an rclone filter glob into a RegExp over `/`-separated paths:
 * `*` any run of non-`/`, `**` anything, `?` one non-`/`, `[...]` a class,
 * `{a,b}` alternatives, `\x` a literal x. A leading `/` anchors the pattern at
 * the root; otherwise it matches at the end of the path after any `/`.
 */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let re = '';
  let g = glob;
  if (g.startsWith('/')) {
    re += '^';
    g = g.slice(1);
  } else {
    re += '(^|/)';
  }
  let inBrackets = false;
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (inBrackets) {
      if (c === ']') inBrackets = false;
      re += c === '\\' ? `\\${g[++i] ?? ''}` : c;
      continue;
    }
    switch (c) {
      case '\\':
        i++;
        if (i >= g.length) throw bad(glob, 'ends with a lone backslash');
        re += escapeChar(g[i]);
        break;
      case '*':
        if (g[i + 1] === '*') {
          re += '.*';
          i++;
        } else {
          re += '[^/]*';
        }
        break;
      case '?':
        re += '[^/]';
        break;
      case '[':
        inBrackets = true;
        re += '[';
        if (g[i + 1] === '!') {
          re += '^';
          i++;
        }
        break;
      case '{':
        braces++;
        re += '(?:';
        break;
      case '}':
        if (braces === 0) throw bad(glob, "has a '}' without '{'");
        braces--;
        re += ')';
        break;
      case ',':
        re += braces > 0 ? '|' : ',';
        break;
      default:
        re += escapeChar(c);
    }
  }
  if (inBrackets) throw bad(glob, "has mismatched '[' and ']'");
  if (braces > 0) throw bad(glob, "has mismatched '{' and '}'");
  re += '$';
  try {
    return new RegExp(re, ignoreCase ? 'iu' : 'u');
  } catch (err) {
    throw bad(glob, (err as Error).message);
  }
}

function escapeChar(c: string): string {
  return /[.+()|^$\\[\]{}*?/]/.test(c) ? `\\${c}` : c;
}

function bad(glob: string, why: string): UsageError {
  return new UsageError('ERR_BAD_FILTER', `bad filter pattern ${JSON.stringify(glob)}: it ${why}`, {
    hint: 'see docs/sync.md#filters for the pattern syntax',
  });
}

/**
 * The directory globs a file glob could live under, so an include rule keeps
 * the directories leading to its files (rclone's dir-rule derivation).
 */
export function globToDirGlobs(glob: string): string[] {
  if (/\{[^{}]*(\*\*|\/)[^{}]*\}/.test(glob)) return ['/**'];
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

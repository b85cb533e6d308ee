import { UsageError } from '../errors/index.js';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';

/** A filter glob with the Go regexp rclone turns it into (what --dump filters prints). */
export interface CompiledGlob {
  source: string;
  re: RegExp;
}

/**
 * Turn an rclone filter glob into the Go regexp rclone makes of it, character
 * for character as rclone 1.60's GlobToRegexp does: `*` any run of non-`/`,
 * `**` anything, `?` one non-`/`, `[...]` a class passed to the regexp as is,
 * `{a,b}` alternatives, `{{re}}` a regexp, `\x` passed through (so `\d` is a
 * digit class and `\*` a star). A leading `/` anchors at the root; otherwise
 * the glob matches a whole trailing run of path segments.
 */
export function globToGoRegexp(glob: string, ignoreCase = false): string {
  let re = ignoreCase ? '(?i)' : '';
  let g = glob;
  if (g.startsWith('/')) {
    g = g.slice(1);
    re += '^';
  } else {
    re += '(^|/)';
  }
  let stars = 0;
  const flushStars = () => {
    if (stars === 1) re += '[^/]*';
    else if (stars === 2) re += '.*';
    else if (stars > 2) throw bad(`too many stars in ${goQuote(glob)}`);
    stars = 0;
  };
  const replaceLast = (c: string) => {
    re = re.slice(0, -1) + c;
  };
  let inBraces = false;
  let inBrackets = 0;
  let slashed = false;
  let inRegexp = false;
  let inRegexpEnd = false;
  let last = '';
  let prev = '';
  for (const c of g) {
    [last, prev] = [prev, c];
    if (slashed) {
      re += c;
      slashed = false;
      continue;
    }
    if (inRegexpEnd) {
      if (c === '}') {
        // `}}}`: the regexp took the first `}`; keep the group closed after it.
        replaceLast('}');
        re += ')';
        continue;
      }
      inRegexpEnd = false;
    }
    if (inRegexp) {
      if (c === '}' && last === '}') {
        inRegexp = false;
        inRegexpEnd = true;
        replaceLast(')');
      } else {
        re += c;
      }
      continue;
    }
    if (c !== '*') flushStars();
    if (inBrackets > 0) {
      re += c;
      if (c === '[') inBrackets++;
      if (c === ']') inBrackets--;
      continue;
    }
    switch (c) {
      case '\\':
        re += c;
        slashed = true;
        break;
      case '*':
        stars++;
        break;
      case '?':
        re += '[^/]';
        break;
      case '[':
        re += c;
        inBrackets++;
        break;
      case ']':
        throw bad(`mismatched ']' in glob ${goQuote(glob)}`);
      case '{':
        if (inBraces) {
          if (last !== '{') throw bad(`can't nest '{' '}' in glob ${goQuote(glob)}`);
          inRegexp = true;
          inBraces = false;
        } else {
          inBraces = true;
          re += '(';
        }
        break;
      case '}':
        if (!inBraces) throw bad(`mismatched '{' and '}' in glob ${goQuote(glob)}`);
        re += ')';
        inBraces = false;
        break;
      case ',':
        re += inBraces ? '|' : ',';
        break;
      case '.': case '+': case '(': case ')': case '|': case '^': case '$':
        re += `\\${c}`;
        break;
      default:
        re += c;
    }
  }
  flushStars();
  if (inBrackets > 0) throw bad(`mismatched '[' and ']' in glob ${goQuote(glob)}`);
  if (inBraces) throw bad(`mismatched '{' and '}' in glob ${goQuote(glob)}`);
  if (inRegexp) throw bad(`mismatched '{{' and '}}' in glob ${goQuote(glob)}`);
  return `${re}$`;
}

/** The glob as rclone's regexp and as a JS RegExp matching the same paths. */
export function compileGlob(glob: string, ignoreCase = false): CompiledGlob {
  const source = globToGoRegexp(glob, ignoreCase);
  try {
    return { source, re: compileGoRegexp(source) };
  } catch (err) {
    if (!(err instanceof GoRegexpError)) throw err;
    throw bad(`bad glob pattern ${goQuote(glob)} (regexp ${goQuote(source)}): ${err.message}`);
  }
}

export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  return compileGlob(glob, ignoreCase).re;
}

/** Go's %q for the plain strings globs are. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

function bad(message: string): UsageError {
  return new UsageError('ERR_BAD_FILTER', `failed to load filters: ${message}`, {
    hint: 'see the pattern syntax in docs/sync.md#filters; escape a literal *, [, ], { or } with \\',
  });
}

import { caseOrbit, foldRanges } from './case-fold.js';

/**
 * Compile a Go (RE2) regular expression, as rclone's filters write them, into
 * a JavaScript RegExp that matches the same strings. The two dialects differ
 * where it counts for filters: Go's `\d \w \s` and `[[:alpha:]]` are ASCII
 * classes, `\a` is the bell, `\z` the end of text, `(?i)` may start anywhere,
 * `.` stops only at `\n`, and a `{` or `]` that starts nothing is a literal.
 * So the pattern is parsed as Go parses it and written out in JS terms
 * (classes as explicit code point ranges, case folding spelled out).
 */
export function compileGoRegexp(source: string): RegExp {
  // Case-insensitive throughout (--ignore-case) or nowhere: JS's own `i` flag
  // folds as Go does. Only a pattern that switches midway needs folding spelled out.
  const native = new GoRegexpParser(source, false);
  const js = native.parse();
  const sensitive = native.caseSensitive;
  if (!sensitive.has(true) || !sensitive.has(false)) return new RegExp(js, sensitive.has(false) ? 'iu' : 'u');
  return new RegExp(new GoRegexpParser(source, true).parse(), 'u');
}

/** Go's regexp syntax error; the message reads as Go's does. */
export class GoRegexpError extends Error {
  constructor(what: string, expr: string) {
    super(`error parsing regexp: ${what}: \`${expr}\``);
  }
}

type Range = [number, number];
interface Flags { i: boolean; s: boolean; m: boolean; U: boolean }

const MAX_CP = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Range[] = [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]];
const r = (a: string, b = a): Range => [a.codePointAt(0)!, b.codePointAt(0)!];
/** Go's ASCII classes, `[:name:]` inside a bracket expression. */
const POSIX: Record<string, Range[]> = {
  alnum: [r('0', '9'), r('A', 'Z'), r('a', 'z')],
  alpha: [r('A', 'Z'), r('a', 'z')],
  ascii: [[0, 0x7f]],
  blank: [r('\t'), r(' ')],
  cntrl: [[0, 0x1f], [0x7f, 0x7f]],
  digit: [r('0', '9')],
  graph: [r('!', '~')],
  lower: [r('a', 'z')],
  print: [r(' ', '~')],
  punct: [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')],
  space: [r('\t', '\r'), r(' ')],
  upper: [r('A', 'Z')],
  word: WORD,
  xdigit: [r('0', '9'), r('A', 'F'), r('a', 'f')],
};
const PERL: Record<string, Range[]> = { d: DIGIT, w: WORD, s: SPACE };
/** Unicode general categories; any other \p name is a script. */
const CATEGORIES = new Set(['C', 'Cc', 'Cf', 'Co', 'Cs', 'L', 'Ll', 'Lm', 'Lo', 'Lt', 'Lu', 'M', 'Mc', 'Me', 'Mn',
  'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Pe', 'Pf', 'Pi', 'Po', 'Ps', 'S', 'Sc', 'Sk', 'Sm', 'So', 'Z', 'Zl', 'Zp', 'Zs']);

function negate(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function normalise(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const classOf = (ranges: Range[], negated = false, props: string[] = []) =>
  `[${negated ? '^' : ''}${normalise(ranges).map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('')}${props.join('')}]`;

class GoRegexpParser {
  private pos = 0;
  private flags: Flags = { i: false, s: false, m: false, U: false };
  private readonly saved: Flags[] = [];
  private out = '';
  /** Whether a repetition operator has something to repeat; and whether the last thing was one. */
  private canRepeat = false;
  private lastWasRepeat = false;

  /** Whether literals and classes were met under (?i) (false) or without it (true). */
  readonly caseSensitive = new Set<boolean>();

  /** `fold`: spell out case variants under (?i); without it, only note where (?i) held. */
  constructor(private readonly src: string, private readonly fold: boolean) {}

  private folding(): boolean {
    this.caseSensitive.add(!this.flags.i);
    return this.fold && this.flags.i;
  }

  parse(): string {
    const s = this.src;
    while (this.pos < s.length) {
      const c = this.peekChar();
      switch (c) {
        case '(':
          this.openGroup();
          break;
        case ')':
          if (this.saved.length === 0) throw new GoRegexpError('unexpected )', s);
          this.flags = this.saved.pop()!;
          this.pos++;
          this.atom(')');
          break;
        case '|':
          this.pos++;
          this.opening('|');
          break;
        case '^':
          this.pos++;
          this.atom(this.flags.m ? '(?:^|(?<=\\n))' : '(?:^)');
          break;
        case '$':
          this.pos++;
          this.atom(this.flags.m ? '(?:$|(?=\\n))' : '(?:$)');
          break;
        case '.':
          this.pos++;
          this.atom(this.flags.s ? '[^]' : '[^\\n]');
          break;
        case '[':
          this.atom(this.parseClass());
          break;
        case '*':
        case '+':
        case '?':
          this.pos++;
          this.repeat(c);
          break;
        case '{': {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.pos));
          if (!m) {
            this.pos++;
            this.atom(this.literal(0x7b));
            break;
          }
          const min = Number(m[1]);
          const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
          if (min > 1000 || max > 1000 || (max >= 0 && max < min)) throw new GoRegexpError('invalid repeat count', m[0]);
          this.pos += m[0].length;
          this.repeat(m[0]);
          break;
        }
        case '\\':
          this.atom(this.parseEscape());
          break;
        default:
          this.pos += c.length;
          this.atom(this.literal(c.codePointAt(0)!));
      }
    }
    if (this.saved.length > 0) throw new GoRegexpError('missing closing )', s);
    return this.out;
  }

  private peekChar(): string {
    return String.fromCodePoint(this.src.codePointAt(this.pos)!);
  }

  private atom(text: string): void {
    this.out += text;
    this.canRepeat = true;
    this.lastWasRepeat = false;
  }

  private repeat(op: string): void {
    if (this.lastWasRepeat) throw new GoRegexpError('invalid nested repetition operator', op);
    if (!this.canRepeat) throw new GoRegexpError('missing argument to repetition operator', op);
    let lazy = false;
    if (this.src[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    if (this.flags.U) lazy = !lazy;
    this.out += op + (lazy ? '?' : '');
    this.lastWasRepeat = true;
  }

  private openGroup(): void {
    const s = this.src;
    const rest = s.slice(this.pos);
    // A name only labels a capture; matching ignores it.
    const plain = rest.startsWith('(?') ? /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest)?.[0] : '(';
    if (plain) {
      this.pos += plain.length;
      this.saved.push({ ...this.flags });
      this.opening('(');
      return;
    }
    const m = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!m || (m[2] !== undefined && m[2] === '') || (m[1] === '' && m[2] === undefined && m[3] === ')')) {
      throw new GoRegexpError('invalid or unsupported Perl syntax', rest.slice(0, 3));
    }
    this.pos += m[0].length;
    const next = { ...this.flags };
    for (const f of m[1]) next[f as keyof Flags] = true;
    for (const f of m[2] ?? '') next[f as keyof Flags] = false;
    if (m[3] === ')') {
      // (?flags) holds to the end of the enclosing group.
      this.flags = next;
      this.opening('');
      return;
    }
    this.saved.push(this.flags);
    this.flags = next;
    this.opening('(?:');
  }

  /** Text after which a repetition operator has nothing to repeat. */
  private opening(text: string): void {
    this.out += text;
    this.canRepeat = false;
    this.lastWasRepeat = false;
  }

  /** One code point as JS source, with its case variants under (?i). */
  private literal(cp: number): string {
    if (this.folding()) {
      const orbit = caseOrbit(cp);
      if (orbit.length > 1) return classOf(orbit.map((o) => [o, o] as Range));
    }
    return hex(cp);
  }

  private parseEscape(): string {
    const item = this.escapeItem(false);
    if (typeof item === 'number') return this.literal(item);
    if (typeof item === 'string') return item;
    return classOf(this.folding() ? foldRanges(item) : item);
  }

  /**
   * After a backslash: a code point, a class as ranges, or ready JS source
   * (assertions, \p classes, \Q...\E text).
   */
  private escapeItem(inClass: boolean): number | Range[] | string {
    const s = this.src;
    this.pos++; // the backslash
    if (this.pos >= s.length) throw new GoRegexpError('trailing backslash at end of expression', '');
    const c = this.peekChar();
    const start = this.pos - 1;
    this.pos += c.length;
    const bad = () => new GoRegexpError('invalid escape sequence', s.slice(start, this.pos));
    switch (c) {
      case 'a': return 0x07;
      case 'f': return 0x0c;
      case 't': return 0x09;
      case 'n': return 0x0a;
      case 'r': return 0x0d;
      case 'v': return 0x0b;
      case 'd': case 'w': case 's': return PERL[c];
      case 'D': case 'W': case 'S': return negate(PERL[c.toLowerCase()]);
      case 'p': case 'P': return this.unicodeClass(c === 'P', start);
      case 'x': {
        const m = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))/.exec(s.slice(this.pos));
        if (!m) throw new GoRegexpError('invalid escape sequence', s.slice(start, this.pos + 2));
        this.pos += m[0].length;
        const cp = parseInt(m[1] ?? m[2], 16);
        if (cp > MAX_CP) throw new GoRegexpError('invalid escape sequence', s.slice(start, this.pos));
        return cp;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        // A lone non-zero digit would be a backreference, which RE2 lacks.
        const m = /^[0-7]{0,2}/.exec(s.slice(this.pos))![0];
        if (c !== '0' && m === '') throw bad();
        this.pos += m.length;
        return parseInt(c + m, 8);
      }
      default:
    }
    if (!inClass) {
      switch (c) {
        case 'A': return '(?:^)';
        case 'z': return '(?:$)';
        case 'b': return '(?:\\b)';
        case 'B': return '(?:\\B)';
        case 'Q': {
          const end = s.indexOf('\\E', this.pos);
          const text = end < 0 ? s.slice(this.pos) : s.slice(this.pos, end);
          this.pos = end < 0 ? s.length : end + 2;
          const lits = [...text].map((ch) => this.literal(ch.codePointAt(0)!));
          return lits.length === 1 ? lits[0] : `(?:${lits.join('')})`;
        }
        default:
      }
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    throw bad();
  }

  /** `\pL`, `\p{Greek}`, `\P{Lu}`, `\p{^Greek}` as JS property escapes. */
  private unicodeClass(negated: boolean, start: number): string {
    const s = this.src;
    let name: string;
    if (s[this.pos] === '{') {
      const end = s.indexOf('}', this.pos);
      if (end < 0) throw new GoRegexpError('invalid character class range', s.slice(start));
      name = s.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      if (this.pos >= s.length) throw new GoRegexpError('invalid character class range', s.slice(start));
      name = this.peekChar();
      this.pos += name.length;
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const prop = name === 'Any' ? 'Any' : CATEGORIES.has(name) ? name : `Script=${name}`;
    const text = `\\${negated ? 'P' : 'p'}{${prop}}`;
    try {
      new RegExp(text, 'u');
    } catch {
      throw new GoRegexpError('invalid character class range', s.slice(start, this.pos));
    }
    return text;
  }

  /** A bracket expression, Go's way: `]` first is literal, `[:name:]` is ASCII, ranges checked. */
  private parseClass(): string {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (s[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    while (this.pos < s.length && (s[this.pos] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(s.slice(this.pos));
      if (posix) {
        const set = POSIX[posix[2]];
        if (!set) throw new GoRegexpError('invalid character class range', posix[0]);
        ranges.push(...(posix[1] ? negate(set) : set));
        this.pos += posix[0].length;
        continue;
      }
      const itemStart = this.pos;
      const lo = this.classChar();
      if (typeof lo === 'string') {
        props.push(lo);
        continue;
      }
      if (Array.isArray(lo)) {
        ranges.push(...lo);
        continue;
      }
      if (s[this.pos] === '-' && this.pos + 1 < s.length && s[this.pos + 1] !== ']') {
        this.pos++;
        const hi = this.classChar();
        if (typeof hi !== 'number' || hi < lo) throw new GoRegexpError('invalid character class range', s.slice(itemStart, this.pos));
        ranges.push([lo, hi]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    if (this.pos >= s.length) throw new GoRegexpError('missing closing ]', s.slice(start));
    this.pos++; // ]
    return classOf(this.folding() ? foldRanges(ranges) : ranges, negated, props);
  }

  private classChar(): number | Range[] | string {
    if (this.src[this.pos] === '\\') return this.escapeItem(true);
    const c = this.peekChar();
    this.pos += c.length;
    return c.codePointAt(0)!;
  }
}

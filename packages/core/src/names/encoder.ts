import { Enc } from './encoding-flags.js';
import { canonicalName, escapedByte, hasInvalidBytes, isEscapedByte } from './invalid-bytes.js';

/**
 * rclone's lib/encoder MultiEncoder: replaces the characters a backend cannot
 * store with look-alikes (mostly FULLWIDTH forms and the SYMBOL FOR block),
 * quoting a look-alike that was already in the name with ‛ so decoding is
 * exact. Invalid UTF-8 bytes (carried as described in invalid-bytes.ts) become
 * ‛XX when the mask has InvalidUtf8. The rules follow encoder.go case by case;
 * its generated test cases are this module's test data.
 */
export const QUOTE = '\u201B';
const SYM_NUL = 0x2400;
const FULL_OFFSET = 0xfee0;
const FULL_DOT = '\uFF0E';
const SYM_SPACE = '\u2420';
const FULL_TILDE = '\uFF5E';

/** ASCII characters that each flag turns into their FULLWIDTH form. */
const FULLWIDTH: [number, string][] = [
  [Enc.Asterisk, '*'], [Enc.LtGt, '<>'], [Enc.SquareBracket, '[]'], [Enc.Semicolon, ';'],
  [Enc.Question, '?'], [Enc.Colon, ':'], [Enc.Pipe, '|'], [Enc.DoubleQuote, '"'],
  [Enc.SingleQuote, "'"], [Enc.BackQuote, '`'], [Enc.Dollar, '$'], [Enc.Slash, '/'],
  [Enc.BackSlash, '\\'], [Enc.Hash, '#'], [Enc.Percent, '%'],
];

const CR_LF_HT_VT = ['\t', '\n', '\v', '\r'];

/**
 * Names no encoding changes, whatever its flags: ASCII letters, digits, `_`
 * and `-`, with `.` inside but not at either end (no flag touches these
 * characters; the end rules are about space, `.`, `~` and control characters).
 * Most names are like this, and one test of this pattern answers for them
 * before the per-flag checks. encoder.test.ts checks it against those checks
 * for every flag.
 */
export const PLAIN_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/;

export class NameEncoder {
  /** plain code point -> its replacement */
  private readonly replace = new Map<number, string>();
  /** replacement code point -> the plain character it stands for */
  private readonly restore = new Map<number, string>();
  /** Most names need no change: these find the ones that might, before any per-character work. */
  private readonly encodeAny: RegExp;
  private readonly decodeAny: RegExp;
  private readonly encodeEnds: Set<string>[];
  private readonly decodeEnds: Set<string>[];

  constructor(readonly mask: number) {
    const add = (plain: number, repl: number) => {
      this.replace.set(plain, String.fromCodePoint(repl));
      this.restore.set(repl, String.fromCodePoint(plain));
    };
    for (const [flag, chars] of FULLWIDTH) {
      if (this.has(flag)) for (const c of chars) add(c.charCodeAt(0), c.charCodeAt(0) + FULL_OFFSET);
    }
    if (this.has(Enc.CrLf)) for (const c of [0x0d, 0x0a]) add(c, c + SYM_NUL);
    if (this.has(Enc.Del)) add(0x7f, 0x2421);
    if (this.has(Enc.Ctl)) for (let c = 1; c <= 0x1f; c++) add(c, c + SYM_NUL);

    const always = ['\0', String.fromCharCode(SYM_NUL), QUOTE];
    const plain = [...this.replace.keys()].map((c) => String.fromCodePoint(c));
    const looks = [...this.restore.keys()].map((c) => String.fromCodePoint(c));
    this.encodeAny = anyOf([...always, ...plain, ...looks]);
    this.decodeAny = anyOf([...always, ...looks]);
    // Leading and trailing rules look at the first and last character only.
    const ends = (flags: [number, string[]][]) => new Set(flags.filter(([f]) => this.has(f)).flatMap(([, cs]) => cs));
    const crLf = [...CR_LF_HT_VT, ...CR_LF_HT_VT.map(symbolFor)];
    const lead: [number, string[]][] = [[Enc.LeftSpace, [' ', SYM_SPACE]], [Enc.LeftPeriod, ['.', FULL_DOT]], [Enc.LeftTilde, ['~', FULL_TILDE]], [Enc.LeftCrLfHtVt, crLf]];
    const trail: [number, string[]][] = [[Enc.RightSpace, [' ', SYM_SPACE]], [Enc.RightPeriod, ['.', FULL_DOT]], [Enc.RightCrLfHtVt, crLf]];
    this.encodeEnds = [ends(lead), ends(trail)];
    this.decodeEnds = this.encodeEnds;
  }

  /** Whether `name` surely comes out of encode (or decode) unchanged. */
  private untouched(name: string, any: RegExp, [first, last]: Set<string>[]): boolean {
    if (any.test(name) || first!.has(name[0]!) || last!.has(name[name.length - 1]!)) return false;
    return !this.has(Enc.Dot) || !/^(\.\.?|\uFF0E\uFF0E?)$/.test(name);
  }

  has(flag: number): boolean {
    return (this.mask & flag) !== 0;
  }

  encode(name: string): string {
    if (name === '' || PLAIN_NAME.test(name)) return name;
    if (this.untouched(name, this.encodeAny, this.encodeEnds)) return name;
    let rest = canonicalName(name);
    if (this.has(Enc.Dot)) {
      switch (rest) {
        case '.': return FULL_DOT;
        case '..': return FULL_DOT + FULL_DOT;
        case FULL_DOT: return QUOTE + FULL_DOT;
        case FULL_DOT + FULL_DOT: return QUOTE + FULL_DOT + QUOTE + FULL_DOT;
      }
    }
    let prefix = '';
    const first = String.fromCodePoint(rest.codePointAt(0)!);
    const leading = (flag: number, plain: string[], repl: (c: string) => string, quoted: string[]) => {
      if (prefix !== '' || !this.has(flag)) return;
      if (plain.includes(rest[0]!)) [prefix, rest] = [repl(rest[0]!), rest.slice(1)];
      else if (quoted.includes(first)) [prefix, rest] = [QUOTE + first, rest.slice(first.length)];
    };
    leading(Enc.LeftSpace, [' '], () => SYM_SPACE, [SYM_SPACE]);
    leading(Enc.LeftPeriod, ['.'], () => FULL_DOT, [FULL_DOT]);
    leading(Enc.LeftTilde, ['~'], () => FULL_TILDE, [FULL_TILDE]);
    leading(Enc.LeftCrLfHtVt, CR_LF_HT_VT, symbolFor, CR_LF_HT_VT.map(symbolFor));

    let suffix = '';
    if (rest !== '') {
      const lastCp = String.fromCodePoint(lastCodePoint(rest));
      const trailing = (flag: number, plain: string[], repl: (c: string) => string, quoted: string[]) => {
        if (suffix !== '' || !this.has(flag)) return;
        const last = rest[rest.length - 1]!;
        if (plain.includes(last)) [suffix, rest] = [repl(last), rest.slice(0, -1)];
        else if (quoted.includes(lastCp)) [suffix, rest] = [QUOTE + lastCp, rest.slice(0, -lastCp.length)];
      };
      trailing(Enc.RightSpace, [' '], () => SYM_SPACE, [SYM_SPACE]);
      trailing(Enc.RightPeriod, ['.'], () => FULL_DOT, [FULL_DOT]);
      trailing(Enc.RightCrLfHtVt, CR_LF_HT_VT, symbolFor, CR_LF_HT_VT.map(symbolFor));
    }

    let out = prefix;
    for (const c of rest) {
      const code = c.codePointAt(0)!;
      if (code === 0) out += String.fromCharCode(SYM_NUL);
      else if (code === SYM_NUL || c === QUOTE) out += QUOTE + c;
      else if (isEscapedByte(code)) out += this.has(Enc.InvalidUtf8) ? QUOTE + hexByte(code & 0xff) : c;
      else if (this.replace.has(code)) out += this.replace.get(code);
      else if (this.restore.has(code)) out += QUOTE + c;
      else out += c;
    }
    return out + suffix;
  }

  /**
   * Like encode, but a ‛ already in the name is written bare wherever decode
   * reads it back as itself (`it‛s`, not rclone's `it‛‛s`): the spelling a
   * person or another program gives such a name.
   */
  encodeBare(name: string): string {
    let out = this.encode(name);
    for (let i = out.indexOf(QUOTE + QUOTE); i >= 0; i = out.indexOf(QUOTE + QUOTE, i + 1)) {
      const candidate = out.slice(0, i) + out.slice(i + 1);
      if (this.decode(candidate) === name) out = candidate;
      else i++;
    }
    return out;
  }

  decode(name: string): string {
    if (name === '' || PLAIN_NAME.test(name) || this.untouched(name, this.decodeAny, this.decodeEnds)) return name;
    let rest = canonicalName(name);
    if (this.has(Enc.Dot)) {
      switch (rest) {
        case FULL_DOT: return '.';
        case FULL_DOT + FULL_DOT: return '..';
        case QUOTE + FULL_DOT: return FULL_DOT;
        case QUOTE + FULL_DOT + QUOTE + FULL_DOT: return FULL_DOT + FULL_DOT;
      }
    }
    const crLfHtVtSymbols = CR_LF_HT_VT.map(symbolFor);
    let prefix = '';
    const cps = [...rest.slice(0, 4)];
    const [r1, r2] = cps;
    if (r1 !== undefined) {
      if (this.has(Enc.LeftSpace) && r1 === SYM_SPACE) [prefix, rest] = [' ', rest.slice(1)];
      else if (this.has(Enc.LeftPeriod) && r1 === FULL_DOT) [prefix, rest] = ['.', rest.slice(1)];
      else if (this.has(Enc.LeftTilde) && r1 === FULL_TILDE) [prefix, rest] = ['~', rest.slice(1)];
      else if (this.has(Enc.LeftCrLfHtVt) && crLfHtVtSymbols.includes(r1)) [prefix, rest] = [plainFor(r1), rest.slice(1)];
      else if (r1 === QUOTE && r2 !== undefined) {
        if ((this.has(Enc.LeftSpace) && r2 === SYM_SPACE) || (this.has(Enc.LeftPeriod) && r2 === FULL_DOT)
          || (this.has(Enc.LeftTilde) && r2 === FULL_TILDE) || (this.has(Enc.LeftCrLfHtVt) && crLfHtVtSymbols.includes(r2))) {
          [prefix, rest] = [r2, rest.slice(2)];
        }
      }
    }

    let suffix = '';
    if (rest !== '') {
      const last = String.fromCodePoint(lastCodePoint(rest));
      const plain = (this.has(Enc.RightSpace) && last === SYM_SPACE) ? ' '
        : (this.has(Enc.RightPeriod) && last === FULL_DOT) ? '.'
          : (this.has(Enc.RightCrLfHtVt) && crLfHtVtSymbols.includes(last)) ? plainFor(last) : undefined;
      if (plain !== undefined) {
        rest = rest.slice(0, -last.length);
        if (rest.endsWith(QUOTE)) [suffix, rest] = [last, rest.slice(0, -1)];
        else suffix = plain;
      }
    }

    let out = prefix;
    const chars = [...rest];
    let unquoteNext = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const code = c.codePointAt(0)!;
      const unquote = unquoteNext;
      unquoteNext = false;
      if (code === SYM_NUL) out += unquote ? c : '\0';
      else if (c === QUOTE) {
        if (unquote) out += c;
        else unquoteNext = true;
      } else if (this.restore.has(code)) out += unquote ? c : this.restore.get(code);
      else {
        if (unquote) {
          const pair = c + (chars[i + 1] ?? '');
          if (this.has(Enc.InvalidUtf8) && /^[0-9A-Fa-f]{2}$/.test(pair)) {
            out += escapedByte(parseInt(pair, 16));
            i++;
            continue;
          }
          out += QUOTE;
        }
        out += c;
      }
    }
    if (unquoteNext) out += QUOTE;
    out += suffix;
    // Bytes decoded from ‛XX may spell valid UTF-8 together, as they do in Go.
    return hasInvalidBytes(out) ? canonicalName(out) : out;
  }
}

/** A regular expression for any of these characters, or for a surrogate (invalid bytes, or a pair to look at closely). */
function anyOf(chars: string[]): RegExp {
  const hex = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return new RegExp(`[${chars.filter((c) => c.length === 1).map(hex).join('')}\\uD800-\\uDFFF]`);
}

function symbolFor(c: string): string {
  return String.fromCharCode(SYM_NUL + c.charCodeAt(0));
}

function plainFor(symbol: string): string {
  return String.fromCharCode(symbol.charCodeAt(0) - SYM_NUL);
}

function hexByte(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function lastCodePoint(s: string): number {
  const code = s.charCodeAt(s.length - 1);
  if (code >= 0xdc00 && code <= 0xdfff && s.length > 1) {
    const hi = s.charCodeAt(s.length - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.codePointAt(s.length - 2)!;
  }
  return code;
}

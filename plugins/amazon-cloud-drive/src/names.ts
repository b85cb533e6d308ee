/**
 * rclone's ACD name encoding (`Slash,InvalidUtf8,Dot` over Base): what a name
 * becomes on the server and back. NUL -> ␀, `/` -> ／, a whole `.`/`..` ->
 * ．/．．, bytes that are not UTF-8 -> ‛XX; a name that already holds one of
 * these look-alikes gets the ‛ quote before it, so decoding is exact.
 *
 * JS strings cannot hold invalid UTF-8; the only such input is a lone UTF-16
 * surrogate, which is encoded as the bytes of its WTF-8 form (as rclone would
 * encode those bytes) and decoded back to the same surrogate.
 */
const QUOTE = '\u201B';
const SYM_NUL = '\u2400';
const FULL_SLASH = '\uFF0F';
const FULL_DOT = '\uFF0E';

export function encodeName(name: string): string {
  if (name === '') return '';
  switch (name) {
    case '.': return FULL_DOT;
    case '..': return FULL_DOT + FULL_DOT;
    case FULL_DOT: return QUOTE + FULL_DOT;
    case FULL_DOT + FULL_DOT: return QUOTE + FULL_DOT + QUOTE + FULL_DOT;
  }
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const code = name.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += c + name[i + 1];
        i++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      // Lone surrogate: its three WTF-8 bytes, each quoted as ‛XX.
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      out += bytes.map((b) => QUOTE + b.toString(16).toUpperCase().padStart(2, '0')).join('');
      continue;
    }
    if (c === '\0') out += SYM_NUL;
    else if (c === SYM_NUL || c === QUOTE || c === FULL_SLASH) out += QUOTE + c;
    else if (c === '/') out += FULL_SLASH;
    else out += c;
  }
  return out;
}

export function decodeName(name: string): string {
  switch (name) {
    case FULL_DOT: return '.';
    case FULL_DOT + FULL_DOT: return '..';
    case QUOTE + FULL_DOT: return FULL_DOT;
    case QUOTE + FULL_DOT + QUOTE + FULL_DOT: return FULL_DOT + FULL_DOT;
  }
  if (!name.includes(QUOTE) && !name.includes(SYM_NUL) && !name.includes(FULL_SLASH)) return name;
  let out = '';
  let pendingBytes: number[] = [];
  const flushBytes = () => {
    if (pendingBytes.length) out += bytesToString(pendingBytes);
    pendingBytes = [];
  };
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === QUOTE) {
      const next = name[i + 1];
      if (next === SYM_NUL || next === QUOTE || next === FULL_SLASH) {
        flushBytes();
        out += next;
        i++;
        continue;
      }
      const hex = name.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        pendingBytes.push(parseInt(hex, 16));
        i += 2;
        continue;
      }
      flushBytes();
      out += QUOTE;
      continue;
    }
    flushBytes();
    if (c === SYM_NUL) out += '\0';
    else if (c === FULL_SLASH) out += '/';
    else out += c;
  }
  flushBytes();
  return out;
}

/** Bytes from ‛XX runs: WTF-8 surrogate triples become the lone surrogate, the rest decode as UTF-8. */
function bytesToString(bytes: number[]): string {
  let out = '';
  let rest: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    if (a === 0xed && b !== undefined && c !== undefined && b >= 0xa0 && b <= 0xbf && c >= 0x80 && c <= 0xbf) {
      out += Buffer.from(rest).toString('utf8');
      rest = [];
      out += String.fromCharCode(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      i += 2;
      continue;
    }
    rest.push(a);
  }
  return out + Buffer.from(rest).toString('utf8');
}

const FILTER_SPECIAL = new Set([...'+-&|!(){}[]^\'"~*?:\\ ']);

/** go-acd's EscapeForFilter: a backslash before each filter metacharacter (and space). */
export function escapeFilterValue(value: string): string {
  let out = '';
  for (const c of value) out += FILTER_SPECIAL.has(c) ? `\\${c}` : c;
  return out;
}

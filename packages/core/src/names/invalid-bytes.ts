/**
 * Names are bytes to rclone and to most servers, but a JS string cannot hold
 * bytes that are not UTF-8. Such a byte (0x80-0xFF) is carried as the lone
 * surrogate U+DC80-U+DCFF (Python's "surrogateescape"), so every byte string
 * has exactly one string form and back. Any other lone surrogate (one a JSON
 * API could send) stands for its WTF-8 bytes, which are invalid UTF-8 too.
 */

const ESCAPE_BASE = 0xdc00;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `code` is the stand-in for one invalid byte. */
export function isEscapedByte(code: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff;
}

export function escapedByte(byte: number): string {
  return String.fromCharCode(ESCAPE_BASE + byte);
}

/** Whether a name holds invalid bytes (or a lone surrogate) at all: the common case is no. */
export function hasInvalidBytes(name: string): boolean {
  // Most names hold no surrogate at all: a plain scan answers for them.
  return ANY_SURROGATE.test(name) && LONE_SURROGATE.test(name);
}

/** The bytes a name stands for. */
export function nameToBytes(name: string): Buffer {
  if (!hasInvalidBytes(name)) return Buffer.from(name, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out.push(...Buffer.from(name.slice(i, i + 2), 'utf8'));
        i++;
        continue;
      }
    }
    if (isEscapedByte(code)) out.push(code - ESCAPE_BASE);
    else if (code >= 0xd800 && code <= 0xdfff) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else out.push(...Buffer.from(name[i]!, 'utf8'));
  }
  return Buffer.from(out);
}

/** A byte string as a name: valid UTF-8 as text, each other byte escaped (as Go sees it, one at a time). */
export function bytesToName(bytes: Uint8Array): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const len = validRuneLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out += Buffer.from(bytes.subarray(start, i)).toString('utf8') + escapedByte(bytes[i]!);
    i++;
    start = i;
  }
  return out + Buffer.from(bytes.subarray(start)).toString('utf8');
}

/** Bytes of the valid UTF-8 sequence at `i`, or 0 (Go's utf8.DecodeRune: no overlongs, surrogates or > U+10FFFF). */
function validRuneLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** One canonical form: lone surrogates become escaped bytes, escaped bytes that spell UTF-8 become text. */
export function canonicalName(name: string): string {
  return hasInvalidBytes(name) ? bytesToName(nameToBytes(name)) : name;
}

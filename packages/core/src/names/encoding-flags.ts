import { RsyncishError } from '../errors/index.js';

/**
 * The character classes a backend's encoding may replace, bit for bit as
 * rclone's lib/encoder numbers them, so an `encoding = Slash,InvalidUtf8,Dot`
 * line means here what it means in an rclone config.
 */
export const Enc = {
  Zero: 0, // NUL is always encoded; the flag exists for the name "None"
  Slash: 1 << 1,
  LtGt: 1 << 2,
  DoubleQuote: 1 << 3,
  SingleQuote: 1 << 4,
  BackQuote: 1 << 5,
  Dollar: 1 << 6,
  Colon: 1 << 7,
  Question: 1 << 8,
  Asterisk: 1 << 9,
  Pipe: 1 << 10,
  Hash: 1 << 11,
  Percent: 1 << 12,
  BackSlash: 1 << 13,
  CrLf: 1 << 14,
  Del: 1 << 15,
  Ctl: 1 << 16,
  LeftSpace: 1 << 17,
  LeftPeriod: 1 << 18,
  LeftTilde: 1 << 19,
  LeftCrLfHtVt: 1 << 20,
  RightSpace: 1 << 21,
  RightPeriod: 1 << 22,
  RightCrLfHtVt: 1 << 23,
  InvalidUtf8: 1 << 24,
  Dot: 1 << 25,
  SquareBracket: 1 << 26,
  Semicolon: 1 << 27,
} as const;

export type EncodingFlag = keyof typeof Enc;

/** rclone's names in its alias order (String() prints a known mask by its alias). */
const ALIASES: [string, number][] = [
  ['None', Enc.Zero],
  ...(Object.entries(Enc) as [string, number][]).filter(([n]) => n !== 'Zero'),
];

/**
 * A mask from rclone's text form: `Slash,InvalidUtf8,Dot`, `None`, or numbers
 * like `0x2`. `where` names the setting in the error, e.g. `option encoding of acd`.
 */
export function parseEncoding(text: string, where = 'encoding'): number {
  let mask = 0;
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const alias = ALIASES.find(([n]) => n === part);
    if (alias) {
      mask |= alias[1];
      continue;
    }
    const n = /^(0x[0-9a-f]+|0o?[0-7]+|0b[01]+|[1-9][0-9]*|0)$/i.test(part) ? Number(part.replace(/^0(?=[0-7])/, '0o')) : NaN;
    if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) {
      throw new RsyncishError('ERR_BAD_ENCODING', `${where}: ${JSON.stringify(part)} is not an encoding flag (in ${JSON.stringify(text)})`, {
        hint: `use a comma-separated list of: ${ALIASES.map(([a]) => a).sort().join(', ')}`,
        exitCode: 1,
      });
    }
    mask |= n;
  }
  return mask >>> 0;
}

/** The text form rclone prints for a mask: its flag names in bit order. */
export function formatEncoding(mask: number): string {
  if (mask === 0) return 'None';
  const out: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    const v = (1 << bit) >>> 0;
    if ((mask & v) === 0) continue;
    const alias = ALIASES.find(([, m]) => m === v);
    out.push(alias ? alias[0] : `0x${v.toString(16).toUpperCase()}`);
  }
  return out.join(',');
}

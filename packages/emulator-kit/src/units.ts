// Size and duration parsing for flags and the control endpoint. Sizes use binary multiples
// whatever the spelling (10G = 10GB = 10GiB = 10 * 2^30), as rclone does.

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(?:([kmgtp])(?:i?b)?|b)?$/i;
const SIZE_POWERS = 'kmgtp';

export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return Math.round(text);
    throw new RangeError(`invalid size ${text}`);
  }
  const m = SIZE_RE.exec(text.trim());
  if (!m) throw new RangeError(`invalid size "${text}" (use e.g. 10G, 50GB, 50GiB, 1.5M or plain bytes)`);
  const unit = m[2] ? SIZE_POWERS.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.round(Number(m[1]) * 1024 ** unit);
}

const DURATION_PART_RE = /(\d+(?:\.\d+)?)(ms|s|m|h|d)?/gy;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Accepts 500ms, 5s, 3m, 1h, 2d, combinations like 1h30m, and a plain number of seconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text;
    throw new RangeError(`invalid duration ${text}`);
  }
  const s = text.trim();
  let total = 0;
  let pos = 0;
  DURATION_PART_RE.lastIndex = 0;
  while (pos < s.length) {
    DURATION_PART_RE.lastIndex = pos;
    const m = DURATION_PART_RE.exec(s);
    if (!m) break;
    total += Number(m[1]) * DURATION_MS[m[2] ?? 's']!;
    pos = DURATION_PART_RE.lastIndex;
  }
  if (s.length === 0 || pos !== s.length) {
    throw new RangeError(`invalid duration "${text}" (use e.g. 500ms, 5s, 3m, 1h, 1h30m)`);
  }
  return total;
}

export function parseProbability(text: string | number, what: string): number {
  const p = typeof text === 'number' ? text : Number(text);
  if (typeof text === 'string' && text.trim() === '') throw new RangeError(`${what} must be a number between 0 and 1`);
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new RangeError(`${what} must be a number between 0 and 1, got "${text}"`);
  return p;
}

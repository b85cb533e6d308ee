// Size and duration parsing for flags and the control endpoint, as the other
// emulators read them: binary multiples whatever the spelling (10G = 10GiB).

const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(?:([kmgtp])(?:i?b)?|b)?$/i;

export function parseSize(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return Math.round(text);
    throw new RangeError(`invalid size ${text}`);
  }
  const m = SIZE_RE.exec(text.trim());
  if (!m) throw new RangeError(`invalid size "${text}" (use e.g. 10G, 256M, 1.5M or plain bytes)`);
  const unit = m[2] ? 'kmgtp'.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.round(Number(m[1]) * 1024 ** unit);
}

const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** 500ms, 5s, 3m, 1h, or a plain number of seconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text;
    throw new RangeError(`invalid duration ${text}`);
  }
  const m = DURATION_RE.exec(text.trim());
  if (!m) throw new RangeError(`invalid duration "${text}" (use e.g. 500ms, 5s, 3m, 1h)`);
  return Number(m[1]) * DURATION_MS[m[2] ?? 's']!;
}

export function parseProbability(text: string | number, what: string): number {
  const p = typeof text === 'number' ? text : Number(text);
  if ((typeof text === 'string' && text.trim() === '') || !Number.isFinite(p) || p < 0 || p > 1) {
    throw new RangeError(`${what} must be a number between 0 and 1, got "${text}"`);
  }
  return p;
}

export function parseCount(text: string | number, what: string): number {
  const n = typeof text === 'number' ? text : Number(text);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number >= 0, got "${text}"`);
  return n;
}

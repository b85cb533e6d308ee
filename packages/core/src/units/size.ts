import { UsageError } from '../errors/index.js';

const UNITS: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };

/** A number as Go's ParseFloat takes it in rclone's sizes: `1`, `1.5`, `1.`, `.5`. */
const NUMBER_RE = /^(?:\d+\.?\d*|\.\d+)$/;

/**
 * Parse a size exactly as rclone's SizeSuffix does: a bare number is KiB
 * (`100` = 100 KiB), `B` means bytes (`100B`), and `k`, `M`, `G`, `T`, `P`,
 * `E` are binary multiples, with or without `i`/`iB` (`1M` = `1Mi` = `1MiB`).
 * `1MB` is refused, as rclone refuses it, rather than guessed. Fractions are
 * truncated to whole bytes (`0.1k` = 102). `off` means no limit and gives -1.
 */
export function parseSize(text: string, what = 'size'): number {
  const t = text.trim();
  if (t.toLowerCase() === 'off') return -1;
  const bytes = sizeOf(t);
  if (bytes === undefined) {
    throw new UsageError('ERR_BAD_SIZE', `invalid ${what} "${text}"`, {
      hint: 'use a number with a unit: 100B (bytes), 100 or 100k (KiB), 1.5M, 9G, 50GiB',
    });
  }
  return bytes;
}

function sizeOf(t: string): number | undefined {
  let number = t;
  let multiplier = 2 ** 10;
  const last = t.slice(-1).toLowerCase();
  if (/[bB]$/.test(t) && /i[bB]$/i.test(t.slice(-2)) && t.length > 2) {
    // `<n><unit>iB`
    multiplier = UNITS[t.slice(-3, -2).toLowerCase()];
    number = t.slice(0, -3);
  } else if (last === 'b') {
    multiplier = 1;
    number = t.slice(0, -1);
  } else if (last === 'i') {
    multiplier = UNITS[t.slice(-2, -1).toLowerCase()];
    number = t.slice(0, -2);
  } else if (UNITS[last] !== undefined) {
    multiplier = UNITS[last];
    number = t.slice(0, -1);
  } else if (!/[\d.]$/.test(last)) {
    return undefined;
  }
  if (multiplier === undefined || !NUMBER_RE.test(number)) return undefined;
  return Math.trunc(Number(number) * multiplier);
}

/** rclone's human size: `1.500Mi` style is used by its stats; we print `1.5 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes;
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(3).replace(/\.?0+$/, '')} ${units[i]}`;
}

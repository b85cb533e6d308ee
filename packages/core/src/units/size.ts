import { UsageError } from '../errors/index.js';

const MULTIPLIERS: Record<string, number> = {
  '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60,
};

const SIZE_RE = /^(\d+(?:\.\d+)?|\.\d+)\s*([bkmgtpe]?)(i?b?)$/i;

/**
 * Parse a size as rclone users type it: `9G`, `50G`, `50GB`, `50GiB`, `1.5M`,
 * `100B`, plain bytes (`1048576`). Every multiple is binary (G = GB = GiB = 2^30),
 * as in rclone. `off` means no limit and gives -1.
 */
export function parseSize(text: string, what = 'size'): number {
  const t = text.trim();
  if (t.toLowerCase() === 'off') return -1;
  const m = SIZE_RE.exec(t);
  // `5iB`/`5i` without a unit letter is not a size.
  if (!m || (m[2] === '' && m[3] !== '' && m[3].toLowerCase() !== 'b')) {
    throw new UsageError('ERR_BAD_SIZE', `invalid ${what} "${text}"`, {
      hint: 'use a number with an optional suffix: 100, 100B, 1.5M, 9G, 50GiB',
    });
  }
  const value = Number(m[1]) * MULTIPLIERS[m[2].toLowerCase()];
  return Math.round(value);
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

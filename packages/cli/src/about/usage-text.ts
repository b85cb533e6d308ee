import type { Usage } from '@rsyncish/core';
import { goJson } from '../listing/go-json.js';

const FIELDS: { key: keyof Usage; label: string; size: boolean }[] = [
  { key: 'total', label: 'Total', size: true },
  { key: 'used', label: 'Used', size: true },
  { key: 'free', label: 'Free', size: true },
  { key: 'trashed', label: 'Trashed', size: true },
  { key: 'other', label: 'Other', size: true },
  { key: 'objects', label: 'Objects', size: false },
];

/** rclone's about lines: `Total:   1.500 GiB`, or whole numbers with --full; fields the backend left out are not printed. */
export function usageLines(u: Usage, full: boolean): string {
  let out = '';
  for (const f of FIELDS) {
    const v = u[f.key];
    if (v === undefined) continue;
    const text = full ? String(v) : f.size ? `${scaled(v, 1024, ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'])}B` : scaled(v, 1000, ['', 'k', 'M', 'G', 'T', 'P', 'E']).replace(' ', '');
    out += `${`${f.label}:`.padEnd(9)}${text}\n`;
  }
  return out;
}

/** rclone's SizeSuffix/CountSuffix: `0`, `5`, `1.500 Ki`: three decimals unless whole. */
function scaled(n: number, base: number, suffixes: string[]): string {
  if (n === 0) return '0 ';
  let i = 0;
  let x = n;
  while (x >= base && i < suffixes.length - 1) {
    x /= base;
    i++;
  }
  return `${Number.isInteger(x) ? String(x) : x.toFixed(3)} ${suffixes[i]}`;
}

/** `--json`: the fields in rclone's order (total, used, trashed, other, free, objects), tab-indented as Go's encoder. */
export function usageJson(u: Usage): string {
  const order: (keyof Usage)[] = ['total', 'used', 'trashed', 'other', 'free', 'objects'];
  const obj: Record<string, number> = {};
  for (const key of order) if (u[key] !== undefined) obj[key] = u[key]!;
  return `${goJson(obj, '\t')}\n`;
}

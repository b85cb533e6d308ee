/**
 * Numbers as rclone prints them in its stats and notices (Go's fs.SizeSuffix
 * and fs.Duration), so output compares byte for byte with rclone's.
 */

const SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function scaled(bytes: number): [string, string] {
  if (bytes < 0) return ['off', ''];
  if (bytes === 0) return ['0', ''];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < SUFFIXES.length - 1) {
    v /= 1024;
    i++;
  }
  return [Number.isInteger(v) ? v.toFixed(0) : v.toFixed(3), SUFFIXES[i]];
}

/** `1.953Ki`, `5` — rclone's SizeSuffix.String(), used in "(size N)". */
export function sizeSuffix(bytes: number): string {
  const [v, s] = scaled(bytes);
  return v + s;
}

/** `1.953 KiB`, `0 B` — rclone's ByteUnit(). */
export function byteUnit(bytes: number): string {
  const [v, s] = scaled(bytes);
  return v === 'off' ? v : `${v} ${s}B`;
}

/** `1.500 MiB/s` — rclone's ByteRateUnit() of a whole number of bytes per second. */
export function byteRateUnit(bytesPerSecond: number): string {
  const [v, s] = scaled(Math.trunc(bytesPerSecond));
  return v === 'off' ? v : `${v} ${s}B/s`;
}

/** `87%`, or `-` when there is no total. */
export function percent(done: number, total: number): string {
  if (done < 0 || total <= 0) return '-';
  return `${Math.trunc((done * 100) / total + 0.5)}%`;
}

const READABLE: [string, number][] = [
  ['y', 365 * 86_400], ['M', 30 * 86_400], ['w', 7 * 86_400], ['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1],
];

/** `1m30s`, `0s` — rclone's Duration.ReadableString() for whole seconds. */
export function readableSeconds(seconds: number): string {
  if (seconds === 0) return '0s';
  let left = Math.trunc(seconds);
  let out = '';
  for (const [unit, size] of READABLE) {
    const n = Math.trunc(left / size);
    if (n > 0) out += `${n}${unit}`;
    left -= n * size;
  }
  return out || '0s';
}

/** rclone's "Elapsed time" value: whole minutes Go-style, then seconds with one decimal: `0.1s`, `1m5.0s`, `1h0m5.0s`. */
export function elapsed(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const goMinutes = h > 0 ? `${h}h${m}m0s` : m > 0 ? `${m}m0s` : '0s';
  // Go: strings.TrimRight(d.Truncate(time.Minute).String(), "0s")
  const prefix = goMinutes.replace(/[0s]+$/, '');
  return `${prefix}${((ms % 60_000) / 1000).toFixed(1)}s`;
}

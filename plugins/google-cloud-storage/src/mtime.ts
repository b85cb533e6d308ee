/**
 * How rclone keeps a modtime on a GCS object: metadata `mtime` in Go's
 * RFC 3339 with nanoseconds, and `goog-reserved-file-mtime` in whole seconds
 * (gsutil's key, which `gsutil rsync` reads). rclone 1.60 writes both and
 * reads `mtime` first, then the gsutil key, then the object's `updated` time;
 * doing the same lets each tool read the other's modtimes.
 */
export const META_MTIME = 'mtime';
export const META_MTIME_GSUTIL = 'goog-reserved-file-mtime';

/** The two metadata values for a modtime of `ms` milliseconds and `nanos` nanoseconds past them. */
export function mtimeMetadata(ms: number, nanos = 0): Record<string, string> {
  return { [META_MTIME]: formatRfc3339Nano(ms, nanos), [META_MTIME_GSUTIL]: String(Math.floor(ms / 1000)) };
}

/** Go's time.RFC3339Nano in UTC: the fraction without trailing zeros, none at all when zero. */
export function formatRfc3339Nano(ms: number, nanos = 0): string {
  const whole = Math.floor(ms);
  const base = new Date(whole).toISOString().slice(0, 19);
  const fraction = `${String(whole - Math.floor(whole / 1000) * 1000).padStart(3, '0')}${String(nanos).padStart(6, '0')}`.replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as milliseconds and the nanoseconds past them; undefined when unreadable. */
export function parseRfc3339Nano(text: string): { ms: number; nanos: number } | undefined {
  const m = RFC3339.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const digits = frac.padEnd(9, '0');
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(digits.slice(0, 3)));
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6))) * 60_000;
  }
  return Number.isFinite(ms) ? { ms, nanos: Number(digits.slice(3)) } : undefined;
}

/** The modtime of an object as rclone 1.60 reads it: `mtime`, else the gsutil key, else `updated`. */
export function modTimeOf(metadata: Record<string, string> | undefined, updated: string | undefined): { ms: number; nanos: number } | undefined {
  const mtime = metadata?.[META_MTIME];
  const parsed = mtime === undefined ? undefined : parseRfc3339Nano(mtime);
  if (parsed) return parsed;
  const gsutil = metadata?.[META_MTIME_GSUTIL];
  if (gsutil !== undefined && /^-?\d+$/.test(gsutil.trim())) return { ms: Number(gsutil.trim()) * 1000, nanos: 0 };
  return updated === undefined ? undefined : parseRfc3339Nano(updated);
}

/**
 * How rclone stores what S3 cannot: `X-Amz-Meta-Mtime` holds the modification
 * time as decimal seconds with nine fraction digits (`1600000000.123456789`),
 * `X-Amz-Meta-Md5chksum` the MD5 of a multipart object in base64. Writing the
 * same keys lets rclone and rsyncish read each other's files.
 */
export const META_MTIME = 'x-amz-meta-mtime';
export const META_MD5 = 'x-amz-meta-md5chksum';

/** Milliseconds since the epoch (+ nanoseconds past them) -> rclone's `seconds.nanoseconds` string. */
export function formatMtime(ms: number, nanos = 0): string {
  const whole = Math.floor(ms);
  const seconds = Math.floor(whole / 1000);
  const millis = whole - seconds * 1000;
  return `${seconds}.${String(millis).padStart(3, '0')}${String(nanos).padStart(6, '0')}`;
}

/** rclone's mtime string -> milliseconds (truncated), or undefined when unreadable. */
export function parseMtime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const m = /^\s*(-?\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return undefined;
  const fraction = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  // The fraction counts up from the floored second, as formatMtime writes it.
  return Number(m[1]) * 1000 + Number(fraction);
}

/** The nanoseconds past the millisecond of an mtime string (its fraction's digits 4-9), 0 when it has none. */
export function parseMtimeNanos(text: string | undefined): number {
  const m = text ? /^\s*-?\d+\.\d{3}(\d{1,6})/.exec(text) : null;
  return m ? Number(m[1].padEnd(6, '0')) : 0;
}

/** An ETag that is a plain MD5 (single-part upload): lower-case hex, else undefined. */
export function md5FromEtag(etag: string | undefined): string | undefined {
  const t = etag?.replace(/"/g, '').trim().toLowerCase();
  return t && /^[0-9a-f]{32}$/.test(t) ? t : undefined;
}

/** `Md5chksum` metadata (base64) -> lower-case hex, or undefined when not a 16-byte digest. */
export function md5FromMeta(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bytes = Buffer.from(value.trim(), 'base64');
  return bytes.length === 16 ? bytes.toString('hex') : undefined;
}

export function md5ToMeta(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

import type { HashType } from '@rsyncish/core';

const HEX_WIDTH: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };

/**
 * A digest as the sum commands print it: lowercase hex, or with --base64
 * rclone's URL-safe base64 with padding. A file whose backend has no hash
 * gets spaces of the hex width, as rclone leaves the column blank.
 */
export function hashForOutput(hex: string, type: HashType, base64: boolean): string {
  if (!hex) return ' '.repeat(HEX_WIDTH[type] ?? 32);
  if (!base64) return hex;
  const b64 = Buffer.from(hex, 'hex').toString('base64url');
  return b64.padEnd(Math.ceil(b64.length / 4) * 4, '=');
}

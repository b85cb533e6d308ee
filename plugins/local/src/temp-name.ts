import { randomBytes } from 'node:crypto';

const MAX_NAME_BYTES = 255;

/**
 * The name a file is written under before it is renamed into place:
 * `.<name>.<6 hex>.partial`, hidden and recognisable, or `.rsyncish.<12 hex>.partial`
 * when the long form would exceed the 255-byte limit most filesystems have.
 */
export function tempName(name: string, random: () => string = () => randomBytes(6).toString('hex')): string {
  const hex = random();
  const long = `.${name}.${hex.slice(0, 6)}.partial`;
  if (Buffer.byteLength(long) <= MAX_NAME_BYTES) return long;
  return `.rsyncish.${hex.padEnd(12, '0').slice(0, 12)}.partial`;
}

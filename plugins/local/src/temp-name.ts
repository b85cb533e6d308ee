const MAX_NAME_BYTES = 255;

/**
 * The name a file is written under before it is renamed into place:
 * `.<name>.<6 hex>.partial`, hidden and recognisable, or `.rsyncish.<12 hex>.partial`
 * when the long form would exceed the 255-byte limit most filesystems have.
 */
// Uniqueness within one directory is all that is needed: the file is opened
// with 'wx', so a clash fails instead of clobbering. Math.random is plenty and
// far cheaper per file than crypto.randomBytes.
const randomHex = () => Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');

export function tempName(name: string, random: () => string = randomHex): string {
  const hex = random();
  const long = `.${name}.${hex.slice(0, 6)}.partial`;
  if (Buffer.byteLength(long) <= MAX_NAME_BYTES) return long;
  return `.rsyncish.${hex.padEnd(12, '0').slice(0, 12)}.partial`;
}

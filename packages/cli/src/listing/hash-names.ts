import { UsageError, type HashType } from '@rsyncish/core';

/** rclone's spellings of the hashes rsyncish has: its name and its alias. */
const NAMES: Record<string, HashType> = { md5: 'md5', sha1: 'sha1', 'sha-1': 'sha1', crc32: 'crc32', 'crc-32': 'crc32', sha256: 'sha256', 'sha-256': 'sha256', dropbox: 'dropbox', dropboxhash: 'dropbox' };
/** rclone's other hash names: known, but no rsyncish backend gives them. */
const RCLONE_ONLY = ['hidrive', 'mailru', 'quickxor', 'whirlpool'];

/** A hash named on the command line (`MD5`, `md5`, `SHA-1`, `sha1`), or one clear error. */
export function parseHashName(text: string, flag: string): HashType {
  const type = NAMES[text.toLowerCase()];
  if (type) return type;
  const known = RCLONE_ONLY.includes(text.toLowerCase());
  throw new UsageError('ERR_BAD_HASH', known ? `${flag}: hash type "${text}" is not supported by rsyncish` : `${flag}: unknown hash type "${text}"`, {
    hint: 'use md5 (MD5), sha1 (SHA-1), crc32 (CRC-32), sha256 (SHA-256) or dropbox (DropboxHash)',
  });
}

/** The hashes every rsyncish build knows, for `hashsum` with no arguments. */
export const HASH_NAMES: { type: HashType; alias: string }[] = [
  { type: 'md5', alias: 'MD5' },
  { type: 'sha1', alias: 'SHA-1' },
  { type: 'crc32', alias: 'CRC-32' },
  { type: 'sha256', alias: 'SHA-256' },
  { type: 'dropbox', alias: 'DropboxHash' },
];

import type { HashType } from '@rsyncish/core';

/** The hashes this backend computes on demand, as rclone's local backend does (less its whirlpool, quickxor and the like). */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1', 'crc32', 'sha256', 'dropbox'];

/** The ones node:crypto computes by itself: those a worker thread computes (CRC-32 and Dropbox's block hash run on the main thread). */
export const CRYPTO_HASHES: readonly HashType[] = ['md5', 'sha1', 'sha256'];

import type { HashType } from '@rsyncish/core';

/** The hashes this backend computes on demand, as rclone's local backend does (less its whirlpool, crc32 and the like). */
export const LOCAL_HASHES: readonly HashType[] = ['md5', 'sha1', 'sha256', 'dropbox'];

/** The ones node:crypto computes by itself: those a worker thread computes (Dropbox's block hash runs on the main thread). */
export const CRYPTO_HASHES: readonly HashType[] = ['md5', 'sha1', 'sha256'];

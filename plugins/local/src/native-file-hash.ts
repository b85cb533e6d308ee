import type { HashType } from '@rsyncish/core';
import { optionalAddon } from './optional-addon.js';

/** What the optional addon (@rsyncish/file-hash-native) offers when it was built: md5 and sha1, as LOCAL_HASHES. */
export interface NativeFileHasher {
  hashFile(path: string, types: HashType[]): Promise<{ digests: string[]; bytes: number }>;
}

/** The addon, if built; without it the backend hashes in JavaScript. Loaded at the first big file, not at start. */
export const nativeFileHasher = optionalAddon<NativeFileHasher>('@rsyncish/file-hash-native');

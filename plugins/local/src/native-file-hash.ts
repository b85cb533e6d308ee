import { createRequire } from 'node:module';
import type { HashType } from '@rsyncish/core';

/** What the optional addon (@rsyncish/file-hash-native) offers when it was built: md5 and sha1, as LOCAL_HASHES. */
export interface NativeFileHasher {
  hashFile(path: string, types: HashType[]): Promise<{ digests: string[]; bytes: number }>;
}

let loaded: NativeFileHasher | null | undefined;

/**
 * The addon, if it is installed and built: an optional dependency, so a
 * machine without a C compiler (or Windows) installs without it and the
 * backend hashes in JavaScript. Loaded at the first big file, not at start.
 */
export function nativeFileHasher(): NativeFileHasher | undefined {
  if (loaded === undefined) {
    loaded = null;
    try {
      const addon = createRequire(import.meta.url)('@rsyncish/file-hash-native') as
        | ({ available: true } & NativeFileHasher)
        | { available: false };
      if (addon.available) loaded = addon;
    } catch {
      // Not installed.
    }
  }
  return loaded ?? undefined;
}

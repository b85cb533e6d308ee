export type NativeHashType = 'md5' | 'sha1';

export interface NativeFileHash {
  /** Hex digests, in the order the types were asked for. */
  digests: string[];
  /** Bytes hashed: the file's length when it was read. */
  bytes: number;
}

export type FileHashNative =
  | { available: true; hashFile(path: string, types: NativeHashType[]): Promise<NativeFileHash> }
  | { available: false; unavailable: string };

declare const native: FileHashNative;
export = native;

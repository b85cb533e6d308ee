export type FileTimesNative =
  | {
      available: true;
      /** Sets atime and mtime of `path` (symlinks followed) to seconds + nanoseconds exactly; rejects with a Node-style error (code, errno, syscall, path). */
      setTimes(path: string, atimeSec: number, atimeNsec: number, mtimeSec: number, mtimeNsec: number): Promise<void>;
    }
  | { available: false; unavailable: string };

declare const native: FileTimesNative;
export = native;

import { optionalAddon } from './optional-addon.js';

/** What the optional addon (@rsyncish/file-times-native) offers when it was built. */
export interface NativeFileTimes {
  /** atime and mtime set to whole seconds + nanoseconds exactly (utimensat); rejects with a Node-style error. */
  setTimes(path: string, atimeSec: number, atimeNsec: number, mtimeSec: number, mtimeNsec: number): Promise<void>;
}

/** The addon, if built; without it times are set with Node's utimes, to the microsecond. */
export const nativeFileTimes = optionalAddon<NativeFileTimes>('@rsyncish/file-times-native');

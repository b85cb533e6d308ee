import type { Backend, Entry } from '../contract/index.js';
import { isNotFound } from '../errors/index.js';
import { decide } from './decide.js';
import type { EngineOptions } from './options.js';

/**
 * --compare-dest and --copy-dest: other directories, on the destination's
 * storage, holding files from earlier runs. A source file found equal in one
 * of them (rclone's equality: size, then modtime or hash, as the decision
 * table, without --ignore-existing, --update or --ignore-times, and never
 * fixing a modtime there) is not transferred: --compare-dest skips it,
 * --copy-dest copies it from there, server-side where the backend can.
 */
export interface OtherDests {
  kind: 'compare' | 'copy';
  backends: Backend[];
}

/** Where an equal copy of `s` (at `path`) is found, in the order the directories were given. */
export async function findEqual(dests: OtherDests, src: Backend, s: Entry, path: string, options: EngineOptions): Promise<{ backend: Backend; entry: Entry } | undefined> {
  const strict: EngineOptions = { ...options, ignoreExisting: false, update: false, ignoreTimes: false };
  for (const backend of dests.backends) {
    const entry = await backend.stat(path).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!entry || entry.kind !== 'file') continue;
    const d = await decide(s, entry, {
      src: src.capabilities,
      dst: backend.capabilities,
      options: strict,
      noCommonHash: () => {},
      srcHash: async (t) => s.hashes?.[t] || (await src.hash?.(s.path, t)),
      dstHash: async (t) => entry.hashes?.[t] || (await backend.hash?.(entry.path, t)),
    });
    if (d.action === 'equal' || d.action === 'set-modtime') return { backend, entry };
  }
  return undefined;
}

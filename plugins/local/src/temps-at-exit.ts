import { rmSync } from 'node:fs';

/** Temp files being written now, by full path. */
const live = new Set<string>();
let hooked = false;

/**
 * Note a temp file for removal should the process exit while it is being
 * written: a second Ctrl-C, or the end of the grace period after the first,
 * exits without waiting for the write's own clean-up. Returns the function
 * that forgets it (once it was renamed into place or removed).
 */
export function removeAtExit(tempPath: string): () => void {
  if (!hooked) {
    hooked = true;
    process.once('exit', removeLive);
  }
  live.add(tempPath);
  return () => live.delete(tempPath);
}

function removeLive(): void {
  for (const p of live) {
    try {
      rmSync(p, { force: true });
    } catch {
      // Exiting anyway; a temp name left behind never hides a real file.
    }
  }
}

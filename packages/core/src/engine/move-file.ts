import type { Backend, Entry } from '../contract/index.js';
import { Accounting } from './accounting.js';
import { transferFile } from './transfer.js';

/**
 * Move one file from `from` to `toPath` on `to` (the same backend for a
 * rename within one remote), trying the cheapest way first: the backend's
 * server-side move, else its server-side copy, else streaming the bytes with
 * verification as any transfer. The source is deleted only once the copy is
 * complete, so a failure leaves the file in one place or the other, never in
 * neither. `serverSide` says whether no byte passed through rsyncish.
 */
export async function moveFile(from: Backend, entry: Entry, to: Backend, toPath: string, signal?: AbortSignal): Promise<{ serverSide: boolean }> {
  if (await to.moveFrom?.(from, entry.path, toPath, { signal })) return { serverSide: true };
  let serverSide = true;
  const copyOptions = { size: entry.size, modTime: entry.modTime, modTimeNanos: entry.modTimeNanos, signal };
  if (!(await to.copyFrom?.(from, entry.path, toPath, copyOptions))) {
    // Bytes moved aside are not bytes transferred: they are counted apart.
    serverSide = false;
    await transferFile({ src: from, dst: to, srcEntry: entry, dstPath: toPath, signal }, new Accounting());
  }
  await from.delete(entry.path);
  return { serverSide };
}

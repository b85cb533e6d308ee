import { randomBytes } from 'node:crypto';
import { promises as fsp, readlinkSync, type BigIntStats } from 'node:fs';
import { Readable } from 'node:stream';
import { HashMismatchError, hasherFor, type Entry, type HashType, type PutOptions } from '@rsyncish/core';
import { LOCAL_HASHES } from './local-hashes.js';
import { modTimeOfStats } from './mod-time.js';

/**
 * -l/--links (rclone's local `links` option): a symlink is seen as a file
 * named `<link>.rclonelink` whose content is the link's target, and such a
 * file written to a local remote becomes a symlink again. Any remote can then
 * keep symlinks, as plain small files.
 */
export const LINK_SUFFIX = '.rclonelink';

/** The link's own path for a `.rclonelink` name, else undefined. */
export function linkPathOf(path: string): string | undefined {
  return path.endsWith(LINK_SUFFIX) && path.length > LINK_SUFFIX.length ? path.slice(0, -LINK_SUFFIX.length) : undefined;
}

/** The entry a symlink is listed as, from its lstat. */
export function linkEntry(path: string, fsPath: string, stats: BigIntStats): Entry {
  const target = readlinkSync(fsPath);
  const e: Entry = { path: `${path}${LINK_SUFFIX}`, kind: 'file', size: Buffer.byteLength(target), ...modTimeOfStats(stats) };
  return e;
}

/** The symlink at fsPath, when it is one: its target and lstat. */
export async function readLink(fsPath: string): Promise<{ target: string; stats: BigIntStats } | undefined> {
  const stats = await fsp.lstat(fsPath, { bigint: true }).catch(() => undefined);
  if (!stats?.isSymbolicLink()) return undefined;
  return { target: await fsp.readlink(fsPath), stats };
}

/** The target as a file's content, or the part of it a range asks for. */
export function linkContent(target: string, range?: { start: number; end?: number }): Readable {
  const bytes = Buffer.from(target);
  return Readable.from([range ? bytes.subarray(range.start, range.end) : bytes]);
}

export function linkHash(target: string, type: HashType): string | undefined {
  if (!LOCAL_HASHES.includes(type)) return undefined;
  const hash = hasherFor(type);
  hash.update(Buffer.from(target));
  return hash.digest('hex');
}

/**
 * Make the symlink at fsPath from a `.rclonelink` content, atomically: the
 * whole content is read (a stream that fails commits nothing), checked
 * against the size and any hash the caller states, linked under a temporary
 * name and renamed over the old one.
 */
export async function writeLink(fsPath: string, content: Readable, options: PutOptions): Promise<{ bytes: number; hashes: Partial<Record<HashType, string>>; target: string }> {
  const chunks: Buffer[] = [];
  for await (const c of content) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  if (options.size >= 0 && bytes.length !== options.size) throw new Error(`${fsPath}: link content is ${bytes.length} bytes, expected ${options.size}`);
  const target = bytes.toString();
  const hashes: Partial<Record<HashType, string>> = {};
  for (const t of options.computeHashes ?? []) {
    const h = linkHash(target, t);
    if (h) hashes[t] = h;
  }
  for (const [t, want] of Object.entries(options.hashes ?? {})) {
    const got = hashes[t as HashType];
    if (got && want && got !== want) throw new HashMismatchError(`${fsPath}: ${t} mismatch: expected ${want}, got ${got}; the link was not made`);
  }
  options.signal?.throwIfAborted();
  const temp = `${fsPath}.${randomBytes(4).toString('hex')}.rsyncish-link`;
  await fsp.symlink(target, temp);
  try {
    if (options.modTime !== undefined) await fsp.lutimes(temp, options.modTime / 1000, options.modTime / 1000);
    await fsp.rename(temp, fsPath);
  } catch (err) {
    await fsp.unlink(temp).catch(() => {});
    throw err;
  }
  return { bytes: bytes.length, hashes, target };
}

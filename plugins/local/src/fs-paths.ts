import { join, resolve } from 'node:path';
import { assertSafeName, type NameCodec } from '@rsyncish/core';

/** The absolute filesystem path of a remote root; relative roots resolve against the cwd. */
export function resolveRoot(root: string, cwd: string = process.cwd()): string {
  return resolve(cwd, root === '' ? '.' : root);
}

/**
 * The filesystem path of a remote-relative `/`-separated path of engine
 * (standard) names, each encoded as the disk stores it (`names`). Every
 * segment is checked, so no caller can reach outside the root with `..` or an
 * empty segment.
 */
export function toFsPath(rootFs: string, rel: string, names?: NameCodec): string {
  if (rel === '') return rootFs;
  const segments = rel.split('/');
  for (const s of segments) assertSafeName(s, JSON.stringify(rel));
  if (!names) return join(rootFs, ...segments);
  // Checked again as stored: an encoding without Slash or Dot could make `..` or `a/b`.
  const stored = segments.map((s) => names.fromStandard(s));
  for (const s of stored) assertSafeName(s, JSON.stringify(rel));
  return join(rootFs, ...stored);
}

/** Child path of a remote-relative directory. */
export function childPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

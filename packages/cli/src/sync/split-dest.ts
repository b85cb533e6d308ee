import { basename, dirname } from 'node:path';
import { baseName, parentOf, parseRemotePath, UsageError } from '@rsyncish/core';

/**
 * copyto/moveto: `DST` names the file itself, so the directory to open is its
 * parent and the name is the last element: `remote:a/b.txt` -> `remote:a` and
 * `b.txt`; `/tmp/x/b.txt` -> `/tmp/x` and `b.txt`.
 */
export function splitDest(text: string, command: string): { parent: string; name: string } {
  const loc = parseRemotePath(text);
  const trimmed = loc.path.replace(/\/+$/, '');
  const local = loc.remote === undefined && (loc.type === undefined || loc.type === 'local');
  const name = local ? basename(trimmed) : baseName(trimmed);
  if (name === '' || name === '.' || name === '..') {
    throw new UsageError('ERR_BAD_DEST', `${command}: "${text}" does not name a file`, {
      hint: `give the destination file's name, e.g. ${command} src.txt remote:dir/new-name.txt`,
    });
  }
  const parent = local ? dirname(trimmed) : parentOf(trimmed);
  if (loc.type !== undefined) return { parent: `:${loc.type}:${parent}`, name };
  if (loc.remote !== undefined) return { parent: `${loc.remote}:${parent}`, name };
  return { parent, name };
}

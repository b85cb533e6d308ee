import { UnsafeNameError } from '../errors/index.js';

/**
 * The one place where a name from a backend becomes part of a path. A name that
 * is empty, `.`, `..`, or contains `/` or NUL is refused, so a hostile server can
 * never make rsyncish read or write outside the remote's root.
 */
export function assertSafeName(name: string, where = ''): void {
  const bad =
    name === '' ? 'is empty'
      : name === '.' || name === '..' ? `is "${name}"`
        : name.includes('/') ? 'contains "/"'
          : name.includes('\0') ? 'contains NUL'
            : undefined;
  if (bad) {
    throw new UnsafeNameError(
      `refusing entry ${JSON.stringify(name)}${where ? ` in ${where}` : ''}: name ${bad}`,
    );
  }
}

/** Join a directory path and a validated child name. */
export function joinPath(dir: string, name: string): string {
  assertSafeName(name, dir === '' ? 'the root' : JSON.stringify(dir));
  return dir === '' ? name : `${dir}/${name}`;
}

/** Normalise a user-given path inside a remote: strip slashes, refuse `..` segments. */
export function cleanRemotePath(p: string): string {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) {
    throw new UnsafeNameError(`path "${p}" contains ".."`, {
      hint: 'give a path inside the remote without ".." segments',
    });
  }
  return parts.join('/');
}

export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

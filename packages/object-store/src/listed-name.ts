import { joinPath, UnsafeNameError, type NameCodec } from '@rsyncish/core';

/**
 * The engine's name for one listed name segment as the store keeps it, or
 * undefined for one that cannot be a name (like ''), after telling `skip`
 * why: a listing goes on without it, as rclone's does.
 */
export function listedName(stored: string, names: NameCodec, skip: (name: string, reason: UnsafeNameError) => void): string | undefined {
  const name = names.toStandard(stored);
  try {
    joinPath('', name);
    return name;
  } catch (err) {
    if (!(err instanceof UnsafeNameError)) throw err;
    skip(name, err);
    return undefined;
  }
}

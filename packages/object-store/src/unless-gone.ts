import { NotFoundError } from '@rsyncish/core';

/**
 * What `lookup` finds, or undefined when the object is gone: a listed object
 * deleted between the listing and its HEAD is as if listed a moment later.
 */
export async function unlessGone<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

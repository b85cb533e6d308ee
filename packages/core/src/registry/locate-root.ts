import type { RootLocation } from '../contract/index.js';
import { cleanRemotePath } from '../paths/index.js';
import type { OpenedRemote } from './open-remote.js';

/**
 * The opened remote's root location: the backend's own answer when it has
 * one, else its type and remote name with the path as typed (rclone's
 * Name() and Root()), case-folded where the backend says names are.
 */
export async function locateRoot(remote: OpenedRemote): Promise<RootLocation> {
  const own = await remote.backend.locate?.();
  if (own) return own;
  return {
    store: `${remote.definition.type}:${remote.location.remote ?? ''}`,
    path: cleanRemotePath(remote.location.path),
    caseInsensitive: remote.backend.capabilities.caseInsensitive,
  };
}

import { createRequire } from 'node:module';

/**
 * A loader of one of the backend's optional native addons: the addon when it
 * is installed and built, else undefined. They are optional dependencies, so
 * a machine without a C compiler (or Windows) installs without them and the
 * backend does the same work in JavaScript, or less finely. Loaded at the
 * first call, once.
 */
export function optionalAddon<T>(packageName: string): () => T | undefined {
  let loaded: T | null | undefined;
  return () => {
    if (loaded === undefined) {
      loaded = null;
      try {
        const addon = createRequire(import.meta.url)(packageName) as ({ available: true } & T) | { available: false };
        if (addon.available) loaded = addon;
      } catch {
        // Not installed.
      }
    }
    return loaded ?? undefined;
  };
}

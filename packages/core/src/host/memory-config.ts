import type { RemoteConfigSource } from './host-services.js';

/** Option values as a script writes them; undefined ones (an unset env var) are left out. */
export type InlineConfig = Record<string, Record<string, string | number | boolean | undefined>>;

/**
 * Remotes held in memory, for a script that gives its config inline instead of
 * in a file. A backend's saved options (a refreshed OAuth token) land here and
 * go when the process ends.
 */
export class MemoryConfigStore implements RemoteConfigSource {
  readonly path = '<config given in memory>';
  private readonly sections = new Map<string, Record<string, string>>();

  constructor(remotes: InlineConfig = {}) {
    for (const [name, values] of Object.entries(remotes)) {
      const section: Record<string, string> = {};
      for (const [key, value] of Object.entries(values)) {
        if (value !== undefined) section[key] = String(value);
      }
      this.sections.set(name, section);
    }
  }

  async remotes(): Promise<string[]> {
    return [...this.sections.keys()];
  }

  async get(remote: string): Promise<Record<string, string> | undefined> {
    const section = this.sections.get(remote);
    return section ? { ...section } : undefined;
  }

  async patch(remote: string, values: Record<string, string>): Promise<boolean> {
    const section = this.sections.get(remote);
    if (!section) return false;
    Object.assign(section, values);
    return true;
  }
}

/**
 * Folder path -> folder id, for backends that address folders by id. Paths are
 * kept as the caller gave them: where the server matches names without case,
 * two spellings of one folder may both be cached, pointing at the same id.
 */
export class FolderIdCache {
  private readonly ids = new Map<string, string>();

  get(path: string): string | undefined {
    return this.ids.get(path);
  }

  set(path: string, id: string): void {
    this.ids.set(path, id);
  }

  /** Forget a folder and everything cached below it (after rmdir, purge or a move). */
  forget(path: string): void {
    const prefix = `${path}/`;
    for (const key of [...this.ids.keys()]) {
      if (key === path || (path === '' ? key !== '' : key.startsWith(prefix))) this.ids.delete(key);
    }
  }

  /** Forget every path cached for this folder id, and what lies below them. */
  forgetId(id: string): void {
    for (const [path, cached] of [...this.ids]) if (cached === id) this.forget(path);
  }
}

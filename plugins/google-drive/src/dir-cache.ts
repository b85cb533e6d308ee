/** Folder path (from the drive's root folder) -> folder id. */
export class DirCache {
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
}

import { newFileId, newRootId } from '../ids.js';
import { FOLDER_MIME } from './file.js';
import type { StoredFile } from './file.js';

export interface FileSnapshot {
  files: StoredFile[];
  nextSeq: number;
}

/** One journal record: files as they now are, and ids deleted for good. */
export interface FileChange {
  files: StoredFile[];
  removed: string[];
  nextSeq: number;
}

export type NewFile = Omit<StoredFile, 'id' | 'seq' | 'version' | 'createdTime' | 'modifiedTime'> &
  Partial<Pick<StoredFile, 'createdTime' | 'modifiedTime'>>;

/**
 * All file metadata in memory, with a parent -> children index. Every mutation goes through
 * add/change/remove so the index and persistence stay in step.
 */
export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private readonly children = new Map<string, Set<string>>();
  private nextSeq = 1;
  private rootId = '';

  constructor(
    /** Called with each file added or changed, or with an id removed. */
    private readonly onChange: (file: StoredFile | string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Loads a snapshot and the journal after it, or, with neither, makes a drive holding only its root. */
  init(snapshot?: FileSnapshot, changes: FileChange[] = []): void {
    if (snapshot) {
      this.nextSeq = snapshot.nextSeq;
      for (const file of snapshot.files) this.index(file);
    }
    for (const change of changes) {
      for (const file of change.files) {
        this.unindex(file.id);
        this.index(file);
      }
      for (const id of change.removed) this.unindex(id);
      this.nextSeq = change.nextSeq;
    }
    if (!snapshot && changes.length === 0) {
      const root = this.add({ name: 'My Drive', mimeType: FOLDER_MIME, parents: [], trashed: false, explicitlyTrashed: false, starred: false, isRoot: true }, newRootId());
      this.rootId = root.id;
    }
    const root = [...this.files.values()].find((f) => f.isRoot);
    if (!root) throw new Error('metadata has no root folder');
    this.rootId = root.id;
  }

  get root(): StoredFile {
    return this.files.get(this.rootId)!;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  all(): IterableIterator<StoredFile> {
    return this.files.values();
  }

  childrenOf(id: string): StoredFile[] {
    const ids = this.children.get(id);
    return ids ? [...ids].map((c) => this.files.get(c)!).filter(Boolean) : [];
  }

  add(fields: NewFile, id?: string): StoredFile {
    const now = this.now();
    const file: StoredFile = {
      ...fields,
      id: id ?? this.freshId(),
      createdTime: fields.createdTime ?? now,
      modifiedTime: fields.modifiedTime ?? now,
      version: 1,
      seq: this.nextSeq++,
    };
    this.index(file);
    this.onChange(file);
    return file;
  }

  /** Applies a mutation; the file's version goes up by one, as on Drive. */
  change(file: StoredFile, mutate: (f: StoredFile) => void): StoredFile {
    const before = file.parents.slice();
    mutate(file);
    file.version += 1;
    for (const p of before) if (!file.parents.includes(p)) this.children.get(p)?.delete(file.id);
    for (const p of file.parents) this.childSet(p).add(file.id);
    this.onChange(file);
    return file;
  }

  remove(id: string): void {
    if (!this.files.has(id)) return;
    this.unindex(id);
    this.onChange(id);
  }

  /** True when `ancestorId` is `id` or lies above it on some parent path. */
  isSelfOrAncestor(ancestorId: string, id: string): boolean {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === ancestorId) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      stack.push(...(this.files.get(cur)?.parents ?? []));
    }
    return false;
  }

  snapshot(): FileSnapshot {
    return { files: [...this.files.values()], nextSeq: this.nextSeq };
  }

  changeOf(files: Iterable<StoredFile>, removed: Iterable<string>): FileChange {
    return { files: [...files], removed: [...removed], nextSeq: this.nextSeq };
  }

  private index(file: StoredFile): void {
    this.files.set(file.id, file);
    for (const p of file.parents) this.childSet(p).add(file.id);
  }

  private unindex(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    for (const p of file.parents) this.children.get(p)?.delete(id);
    this.files.delete(id);
  }

  private childSet(parentId: string): Set<string> {
    let set = this.children.get(parentId);
    if (!set) this.children.set(parentId, (set = new Set()));
    return set;
  }

  private freshId(): string {
    let id = newFileId();
    while (this.files.has(id)) id = newFileId();
    return id;
  }
}

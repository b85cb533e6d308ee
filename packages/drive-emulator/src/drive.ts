import { badRequest, fileNotFound, forbidden, googleError } from './errors.js';
import { BlobStore } from './store/blob-store.js';
import type { WrittenBlob } from './store/blob-store.js';
import { FOLDER_MIME, GOOGLE_APPS_PREFIX, isFolder, isGoogleDoc } from './store/file.js';
import type { StoredFile } from './store/file.js';
import type { FileStore } from './store/file-store.js';

/** File fields a request body may set, already checked by metadata.ts. */
export interface FileMetadata {
  name?: string;
  mimeType?: string;
  parents?: string[];
  description?: string;
  starred?: boolean;
  trashed?: boolean;
  modifiedTime?: number;
  createdTime?: number;
  originalFilename?: string;
  properties?: Record<string, string | null>;
  appProperties?: Record<string, string | null>;
}

export interface StorageUsage {
  usage: number;
  usageInDrive: number;
  usageInDriveTrash: number;
}

function mergeProps(have: Record<string, string> | undefined, patch: Record<string, string | null>): Record<string, string> | undefined {
  const out = { ...have };
  // Drive removes a property set to null.
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The Drive's rules over the file store: ids (and the `root` alias), one parent per file,
 * no cycles, trash that follows folders, deletion that takes descendants, content versions.
 * Duplicate names in one folder are allowed, as on Drive.
 */
export class Drive {
  constructor(
    readonly store: FileStore,
    private readonly blobs: BlobStore,
    private readonly now: () => number,
  ) {}

  get root(): StoredFile {
    return this.store.root;
  }

  resolveId(id: string): string {
    return id === 'root' ? this.store.root.id : id;
  }

  find(id: string): StoredFile | undefined {
    return this.store.get(this.resolveId(id));
  }

  require(id: string): StoredFile {
    const file = this.find(id);
    if (!file) throw fileNotFound(id);
    return file;
  }

  private requireParent(id: string): StoredFile {
    const parent = this.find(id);
    if (!parent) throw fileNotFound(id);
    if (!isFolder(parent)) throw badRequest('The specified parent is not a folder.', { location: 'parents', locationType: 'other' });
    return parent;
  }

  private parentsFor(meta: FileMetadata): string[] {
    const wanted = meta.parents ?? [];
    if (wanted.length > 1) throw forbidden('cannotAddParent', 'Increasing the number of parents is not allowed.');
    return wanted.length === 0 ? [this.root.id] : [this.requireParent(wanted[0]!).id];
  }

  /** A folder, a metadata-only file, or (with `content`) an uploaded one. */
  create(meta: FileMetadata, content?: WrittenBlob, mediaType?: string): StoredFile {
    const mimeType = meta.mimeType ?? (content ? mediaType : undefined) ?? 'application/octet-stream';
    if (mimeType.startsWith(GOOGLE_APPS_PREFIX) && mimeType !== FOLDER_MIME) {
      throw badRequest(`Creating or converting to ${mimeType} is not supported by the emulator; plant Google Docs through /_emulator/files.`);
    }
    if (mimeType === FOLDER_MIME && content && content.size > 0) throw badRequest('A folder cannot have content.');
    const now = this.now();
    const file = this.store.add({
      name: meta.name ?? 'Untitled',
      mimeType,
      parents: this.parentsFor(meta),
      trashed: false,
      explicitlyTrashed: false,
      starred: meta.starred ?? false,
      ...(meta.description !== undefined ? { description: meta.description } : {}),
      ...(meta.originalFilename !== undefined ? { originalFilename: meta.originalFilename } : content ? { originalFilename: meta.name ?? 'Untitled' } : {}),
      ...(meta.properties ? { properties: mergeProps(undefined, meta.properties)! } : {}),
      ...(meta.appProperties ? { appProperties: mergeProps(undefined, meta.appProperties)! } : {}),
      ...(mimeType !== FOLDER_MIME ? { content: content ? toContent(content) : emptyContent() } : {}),
      createdTime: meta.createdTime ?? now,
      modifiedTime: meta.modifiedTime ?? now,
    });
    if (meta.trashed) this.setTrashed(file, true);
    return file;
  }

  /**
   * files.update: metadata from the body, parents from addParents/removeParents, content when an
   * upload came with it. Without an explicit modifiedTime, new content or a new name is now.
   */
  update(file: StoredFile, meta: FileMetadata, addParents: string[], removeParents: string[], content?: WrittenBlob): StoredFile {
    if (file.isRoot && (meta.name !== undefined || addParents.length || removeParents.length || meta.trashed)) {
      throw forbidden('insufficientFilePermissions', 'The user does not have sufficient permissions for this file.');
    }
    if (content && (isFolder(file) || isGoogleDoc(file))) throw badRequest('Only files with binary content can be updated with media.');
    if (meta.mimeType !== undefined && meta.mimeType !== file.mimeType && (meta.mimeType.startsWith(GOOGLE_APPS_PREFIX) || isFolder(file) || isGoogleDoc(file))) {
      throw forbidden('fileTypeConversionNotSupported', `The mimeType cannot be changed from ${file.mimeType} to ${meta.mimeType}.`);
    }
    let parents = file.parents.slice();
    for (const id of removeParents) {
      const resolved = this.resolveId(id);
      if (!parents.includes(resolved)) throw badRequest(`The parent ${id} is not a parent of this file.`, { location: 'removeParents', locationType: 'parameter' });
      parents = parents.filter((p) => p !== resolved);
    }
    for (const id of addParents) {
      const parent = this.requireParent(id);
      if (parents.includes(parent.id)) continue;
      if (this.store.isSelfOrAncestor(file.id, parent.id)) throw badRequest('The parent would create a cycle in the folder tree.', { location: 'addParents', locationType: 'parameter' });
      parents.push(parent.id);
    }
    if (parents.length > 1) throw forbidden('cannotAddParent', 'Increasing the number of parents is not allowed.');
    if (parents.length === 0 && !file.isRoot) throw badRequest('A file must keep one parent: use addParents with removeParents to move it.');
    const newParent = parents[0];
    const oldBlob = content ? file.content?.blob : undefined;
    this.store.change(file, (f) => {
      if (meta.name !== undefined) f.name = meta.name;
      if (meta.mimeType !== undefined) f.mimeType = meta.mimeType;
      if (meta.description !== undefined) f.description = meta.description;
      if (meta.starred !== undefined) f.starred = meta.starred;
      if (meta.originalFilename !== undefined) f.originalFilename = meta.originalFilename;
      if (meta.properties) {
        const p = mergeProps(f.properties, meta.properties);
        if (p) f.properties = p; else delete f.properties;
      }
      if (meta.appProperties) {
        const p = mergeProps(f.appProperties, meta.appProperties);
        if (p) f.appProperties = p; else delete f.appProperties;
      }
      f.parents = parents;
      if (content) f.content = toContent(content);
      if (meta.modifiedTime !== undefined) f.modifiedTime = meta.modifiedTime;
      else if (content || meta.name !== undefined) f.modifiedTime = this.now();
    });
    if (oldBlob !== undefined) this.blobs.retire(oldBlob);
    if (meta.trashed !== undefined && meta.trashed !== file.trashed) this.setTrashed(file, meta.trashed);
    // A file moved into a trashed folder is trashed with it; out of one, it comes back.
    if (newParent !== undefined && (addParents.length || removeParents.length) && !file.explicitlyTrashed) {
      const parentTrashed = this.store.get(newParent)?.trashed ?? false;
      if (parentTrashed !== file.trashed) this.cascadeTrash(file, parentTrashed);
    }
    return file;
  }

  /** Trash sets `explicitlyTrashed` on the file and `trashed` on everything under it; untrash undoes both. */
  setTrashed(file: StoredFile, trashed: boolean): void {
    this.store.change(file, (f) => {
      f.trashed = trashed;
      f.explicitlyTrashed = trashed;
    });
    for (const child of this.store.childrenOf(file.id)) this.cascadeTrash(child, trashed);
  }

  private cascadeTrash(file: StoredFile, trashed: boolean): void {
    // A file the user trashed on its own stays trashed when its folder comes back.
    if (file.explicitlyTrashed || file.trashed === trashed) return;
    this.store.change(file, (f) => { f.trashed = trashed; });
    for (const child of this.store.childrenOf(file.id)) this.cascadeTrash(child, trashed);
  }

  /** Deletes a file and, for a folder, everything under it. Returns how many went. */
  delete(file: StoredFile): number {
    if (file.isRoot) throw forbidden('insufficientFilePermissions', 'The user does not have sufficient permissions for this file.');
    let n = 0;
    const walk = (f: StoredFile): void => {
      for (const child of this.store.childrenOf(f.id)) walk(child);
      if (f.content) this.blobs.retire(f.content.blob);
      for (const blob of new Set(Object.values(f.exports ?? {}))) this.blobs.retire(blob);
      this.store.remove(f.id);
      n++;
    };
    walk(file);
    return n;
  }

  /** files.emptyTrash: every trashed file, and what is under it, deleted for good. */
  emptyTrash(): number {
    let n = 0;
    for (const file of [...this.store.all()]) {
      if (file.explicitlyTrashed && this.store.get(file.id)) n += this.delete(file);
    }
    // Anything trashed only by a folder that is gone has gone with it; catch strays all the same.
    for (const file of [...this.store.all()]) if (file.trashed && !file.isRoot) n += this.delete(file);
    return n;
  }

  /** files.copy: a new file with its own copy of the bytes. Folders cannot be copied. */
  async copy(file: StoredFile, meta: FileMetadata): Promise<StoredFile> {
    if (isFolder(file)) throw forbidden('cannotCopyFile', 'This file cannot be copied by the user.');
    const parents = meta.parents ? this.parentsFor(meta) : [file.parents[0] ?? this.root.id];
    const now = this.now();
    const content = file.content ? { ...file.content, blob: await this.blobs.clone(file.content.blob) } : undefined;
    let exports: Record<string, string> | undefined;
    if (file.exports) {
      exports = {};
      const cloned = new Map<string, string>();
      for (const [mime, blob] of Object.entries(file.exports)) {
        if (!cloned.has(blob)) cloned.set(blob, await this.blobs.clone(blob));
        exports[mime] = cloned.get(blob)!;
      }
    }
    const copy = this.store.add({
      name: meta.name ?? file.name,
      mimeType: file.mimeType,
      parents,
      trashed: false,
      explicitlyTrashed: false,
      starred: meta.starred ?? false,
      ...(meta.description ?? file.description) !== undefined ? { description: meta.description ?? file.description! } : {},
      ...(file.originalFilename !== undefined ? { originalFilename: file.originalFilename } : {}),
      ...(content ? { content } : {}),
      ...(exports ? { exports } : {}),
      ...(file.properties || meta.properties ? { properties: mergeProps(file.properties, meta.properties ?? {})! } : {}),
      ...(file.appProperties || meta.appProperties ? { appProperties: mergeProps(file.appProperties, meta.appProperties ?? {})! } : {}),
      createdTime: now,
      modifiedTime: meta.modifiedTime ?? file.modifiedTime,
    });
    return copy;
  }

  /** What the stored bytes take, in and out of the trash. */
  usage(): StorageUsage {
    let inDrive = 0;
    let inTrash = 0;
    for (const file of this.store.all()) {
      const size = file.content?.size ?? 0;
      if (file.trashed) inTrash += size;
      else inDrive += size;
    }
    return { usage: inDrive + inTrash, usageInDrive: inDrive + inTrash, usageInDriveTrash: inTrash };
  }

  /** Refuses an upload that would take the drive over its quota, as Drive does. */
  checkQuota(extra: number, quota: number): void {
    if (this.usage().usage + extra > quota) {
      throw googleError(403, 'storageQuotaExceeded', "The user's Drive storage quota has been exceeded.", {}, 'usageLimits');
    }
  }
}

function toContent(w: WrittenBlob): StoredFile['content'] {
  return { size: w.size, md5: w.md5, sha1: w.sha1, sha256: w.sha256, blob: w.blob };
}

/** A metadata-only file: no bytes yet, the checksums of nothing. */
function emptyContent(): NonNullable<StoredFile['content']> {
  return {
    size: 0,
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    blob: BlobStore.EMPTY,
  };
}

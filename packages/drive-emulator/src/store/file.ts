export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const GOOGLE_APPS_PREFIX = 'application/vnd.google-apps.';

export interface StoredContent {
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** Key of the bytes in the blob store. */
  blob: string;
}

/** A file or folder as persisted. Times are epoch ms; file-json.ts renders the wire shape. */
export interface StoredFile {
  id: string;
  name: string;
  mimeType: string;
  /** Empty only for the root. */
  parents: string[];
  trashed: boolean;
  /** True on the file the user trashed; its descendants are trashed with it but not explicitly. */
  explicitlyTrashed: boolean;
  starred: boolean;
  description?: string;
  originalFilename?: string;
  properties?: Record<string, string>;
  appProperties?: Record<string, string>;
  createdTime: number;
  modifiedTime: number;
  /** Bumped by every change, as Drive's `version` is. */
  version: number;
  isRoot?: boolean;
  /** Binary content; absent for folders and Google Docs. */
  content?: StoredContent;
  /** Google Docs only: export MIME type -> blob holding what files.export answers. */
  exports?: Record<string, string>;
  /** Creation order: the default listing order. */
  seq: number;
}

export const isFolder = (f: StoredFile): boolean => f.mimeType === FOLDER_MIME;
export const isGoogleDoc = (f: StoredFile): boolean => f.mimeType.startsWith(GOOGLE_APPS_PREFIX) && !isFolder(f);

// The JSON of Dropbox API v2 that rsyncish reads and writes, with Dropbox's field names.

export interface FileMetadata {
  '.tag': 'file';
  name: string;
  id: string;
  path_lower?: string;
  path_display?: string;
  /** RFC 3339 in UTC, whole seconds: the time the client says the file was modified. */
  client_modified: string;
  server_modified: string;
  rev: string;
  size: number;
  content_hash?: string;
}

export interface FolderMetadata {
  '.tag': 'folder';
  name: string;
  id: string;
  path_lower?: string;
  path_display?: string;
}

export interface DeletedMetadata {
  '.tag': 'deleted';
  name: string;
  path_lower?: string;
  path_display?: string;
}

export type Metadata = FileMetadata | FolderMetadata | DeletedMetadata;

export interface ListFolderResult {
  entries: Metadata[];
  cursor: string;
  has_more: boolean;
}

/** `{metadata}` of create_folder_v2, delete_v2, copy_v2 and move_v2. */
export interface MetadataResult {
  metadata: Metadata;
}

export interface UploadSessionCursor {
  session_id: string;
  offset: number;
}

export interface CommitInfo {
  path: string;
  mode: { '.tag': 'overwrite' } | { '.tag': 'add' };
  autorename: boolean;
  client_modified?: string;
  mute: boolean;
  strict_conflict?: boolean;
}

export interface UploadSessionFinishArg {
  cursor: UploadSessionCursor;
  commit: CommitInfo;
}

/** One entry of finish_batch_v2's reply: the file's metadata, or why it failed. */
export type FinishBatchEntry =
  | ({ '.tag': 'success' } & Omit<FileMetadata, '.tag'>)
  | { '.tag': 'failure'; failure: TaggedError };

export interface FinishBatchResult {
  entries: FinishBatchEntry[];
}

export interface SpaceUsage {
  used: number;
  allocation: { '.tag': 'individual'; allocated: number } | { '.tag': 'team'; used: number; allocated: number } | { '.tag': string; allocated?: number };
}

/** A union value of Dropbox's errors: a tag, and maybe a nested union under the tag's own name. */
export interface TaggedError {
  '.tag': string;
  [key: string]: unknown;
}

/** The body of every endpoint error (HTTP 409) and of 429/401. */
export interface ErrorBody {
  error_summary?: string;
  error?: TaggedError & { reason?: TaggedError; retry_after?: number };
  user_message?: { text?: string };
}

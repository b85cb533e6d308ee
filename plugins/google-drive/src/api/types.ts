/** A file resource of Drive API v3, only the fields rsyncish asks for (FILE_FIELDS). */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  /** Bytes, as a decimal string (int64 in JSON); absent for folders and Google Docs. */
  size?: string;
  md5Checksum?: string;
  trashed?: boolean;
  modifiedTime?: string;
  createdTime?: string;
  parents?: string[];
}

export interface DriveFileList {
  files?: DriveFile[];
  nextPageToken?: string;
  incompleteSearch?: boolean;
}

/** `about.get`: quotas as decimal strings, and what each Google type exports to. */
export interface DriveAbout {
  storageQuota?: {
    limit?: string;
    usage?: string;
    usageInDrive?: string;
    usageInDriveTrash?: string;
  };
  exportFormats?: Record<string, string[]>;
}

/** Drive's JSON error body: `{ error: { code, message, errors: [{ reason, ... }] } }`. */
export interface DriveErrorBody {
  error?: {
    code?: number;
    message?: string;
    errors?: { reason?: string; message?: string; domain?: string }[];
  };
}

export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';
/** Google's own types (Docs, Sheets, ...) have no bytes of their own, only exports. */
export const GOOGLE_APPS_PREFIX = 'application/vnd.google-apps.';
/**
 * The fields of a file rsyncish reads, in every list, get, create and update
 * (rclone's partialFields, less what it uses for shortcuts and links).
 */
export const FILE_FIELDS = 'id,name,size,md5Checksum,trashed,modifiedTime,createdTime,mimeType,parents';

import { rfc3339 } from './ids.js';
import { isFolder, isGoogleDoc } from './store/file.js';
import type { StoredFile } from './store/file.js';

/** The one emulated user, in Drive's `User` shape. */
export const USER = {
  kind: 'drive#user',
  displayName: 'Drive Emulator',
  photoLink: 'https://lh3.googleusercontent.com/a/default-user=s64',
  me: true,
  permissionId: '00000000000000000001',
  emailAddress: 'emulator@example.com',
} as const;

/** Default `fields` when a request names none, as Drive v3 answers. */
export const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DEFAULT_LIST_FIELDS = 'kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)';

function extensionOf(name: string): { full?: string; last?: string } {
  const dot = name.indexOf('.', 1);
  if (dot < 0 || dot === name.length - 1) return {};
  return { full: name.slice(dot + 1), last: name.slice(name.lastIndexOf('.') + 1) };
}

/**
 * A file as the Drive v3 `File` resource (before `fields` selects from it). Sizes, versions and
 * quota numbers are strings (int64 in JSON), times RFC 3339 with milliseconds. Folders and Google
 * Docs have no size or checksums; Docs carry exportLinks instead.
 */
export function fileJson(file: StoredFile, origin: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
  };
  if (file.description !== undefined) out['description'] = file.description;
  out['starred'] = file.starred;
  out['trashed'] = file.trashed;
  out['explicitlyTrashed'] = file.explicitlyTrashed;
  if (!file.isRoot) out['parents'] = file.parents.slice();
  if (file.properties) out['properties'] = { ...file.properties };
  if (file.appProperties) out['appProperties'] = { ...file.appProperties };
  out['spaces'] = ['drive'];
  out['version'] = String(file.version);
  out['webViewLink'] = isFolder(file)
    ? `https://drive.google.com/drive/folders/${file.id}`
    : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
  out['iconLink'] = `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`;
  out['viewedByMe'] = true;
  out['createdTime'] = rfc3339(file.createdTime);
  out['modifiedTime'] = rfc3339(file.modifiedTime);
  out['modifiedByMeTime'] = rfc3339(file.modifiedTime);
  out['modifiedByMe'] = true;
  out['owners'] = [{ ...USER }];
  out['lastModifyingUser'] = { ...USER };
  out['shared'] = false;
  out['ownedByMe'] = true;
  out['writersCanShare'] = true;
  out['capabilities'] = {
    canAddChildren: isFolder(file),
    canCopy: !isFolder(file),
    canDelete: !file.isRoot,
    canDownload: !isFolder(file),
    canEdit: true,
    canRename: !file.isRoot,
    canTrash: !file.isRoot,
    canUntrash: !file.isRoot,
  };
  if (file.content) {
    const ext = extensionOf(file.name);
    if (file.originalFilename !== undefined) out['originalFilename'] = file.originalFilename;
    if (ext.full !== undefined) out['fullFileExtension'] = ext.full;
    if (ext.last !== undefined) out['fileExtension'] = ext.last;
    out['md5Checksum'] = file.content.md5;
    out['sha1Checksum'] = file.content.sha1;
    out['sha256Checksum'] = file.content.sha256;
    out['size'] = String(file.content.size);
    out['headRevisionId'] = `0B${file.id.slice(1, 20)}v${file.version}`;
  }
  if (isGoogleDoc(file)) {
    const links: Record<string, string> = {};
    for (const mime of Object.keys(file.exports ?? {})) {
      links[mime] = `${origin}/drive/v3/files/${file.id}/export?mimeType=${encodeURIComponent(mime)}`;
    }
    out['exportLinks'] = links;
  }
  out['quotaBytesUsed'] = String(file.content?.size ?? 0);
  out['isAppAuthorized'] = true;
  return out;
}

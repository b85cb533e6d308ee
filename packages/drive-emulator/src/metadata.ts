import type { FileMetadata } from './drive.js';
import { badRequest, forbidden } from './errors.js';

/** Fields Drive computes: a body that sets one is refused. */
const NOT_WRITABLE = new Set([
  'size', 'md5Checksum', 'sha1Checksum', 'sha256Checksum', 'version', 'headRevisionId', 'quotaBytesUsed',
  'explicitlyTrashed', 'ownedByMe', 'owners', 'capabilities', 'webContentLink', 'webViewLink', 'exportLinks',
  'fileExtension', 'fullFileExtension', 'trashedTime', 'trashingUser', 'spaces', 'isAppAuthorized',
]);

const notWritable = (field: string): Error =>
  forbidden('fieldNotWritable', `The resource body includes fields which are not directly writable: ${field}`);

function time(value: unknown, field: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`Invalid value for ${field}: ${JSON.stringify(value)}`, { location: field, locationType: 'other' });
  return ms;
}

function str(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badRequest(`Invalid value for ${field}: ${JSON.stringify(value)}`, { location: field, locationType: 'other' });
  return value;
}

function props(value: unknown, field: string): Record<string, string | null> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`Invalid value for ${field}`);
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) out[k] = v === null ? null : String(v);
  return out;
}

/**
 * The writable fields of a File resource in a create, update or copy body. `update` refuses
 * `parents`: Drive moves files only through addParents/removeParents.
 */
export function parseMetadata(body: Record<string, unknown>, mode: 'create' | 'update' | 'copy'): FileMetadata {
  const meta: FileMetadata = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    if (NOT_WRITABLE.has(key)) throw notWritable(key);
    switch (key) {
      case 'name': meta.name = str(value, key); break;
      case 'mimeType': meta.mimeType = str(value, key); break;
      case 'description': meta.description = str(value, key); break;
      case 'originalFilename': meta.originalFilename = str(value, key); break;
      case 'starred': meta.starred = value === true; break;
      case 'trashed':
        if (mode !== 'update') break;
        meta.trashed = value === true;
        break;
      case 'modifiedTime': meta.modifiedTime = time(value, key); break;
      case 'createdTime':
        if (mode === 'update') throw notWritable(key);
        meta.createdTime = time(value, key);
        break;
      case 'parents':
        if (mode === 'update') {
          throw forbidden('fieldNotWritable', 'The parents field is not directly writable in update requests. Use the addParents and removeParents parameters instead.');
        }
        if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) throw badRequest('parents must be a list of folder ids');
        meta.parents = value as string[];
        break;
      case 'properties': meta.properties = props(value, key); break;
      case 'appProperties': meta.appProperties = props(value, key); break;
      case 'id':
        if (mode !== 'create') throw notWritable(key);
        throw badRequest('The emulator does not accept client-chosen ids.', { location: 'id', locationType: 'other' });
      default:
        // Fields the emulator does not model (kind, viewedByMeTime, contentHints...) are accepted and ignored.
        break;
    }
  }
  return meta;
}

/** `addParents=a,b` as a list. */
export function idList(value: string | null): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

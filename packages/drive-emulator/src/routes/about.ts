import type { RequestContext } from '../context.js';
import { requiredParameter } from '../errors.js';
import { USER } from '../file-json.js';
import { applyFields } from '../fields.js';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../formats.js';
import { sendJson } from '../http-io.js';
import { fieldMask } from '../respond.js';

/** GET /drive/v3/about: Drive requires `fields` here, unlike everywhere else. */
export function about(ctx: RequestContext): void {
  const fields = ctx.url.searchParams.get('fields');
  if (fields === null || fields.trim() === '') throw requiredParameter('fields', "The 'fields' parameter is required for this method.");
  const mask = fieldMask(fields, '*');
  const { drive, faults } = ctx.app;
  const usage = drive.usage();
  const body = {
    kind: 'drive#about',
    user: { ...USER },
    storageQuota: {
      limit: String(faults.settings.quota),
      usage: String(usage.usage),
      usageInDrive: String(usage.usageInDrive),
      usageInDriveTrash: String(usage.usageInDriveTrash),
    },
    importFormats: IMPORT_FORMATS,
    exportFormats: EXPORT_FORMATS,
    maxImportSizes: { 'application/vnd.google-apps.document': '10485760', 'application/vnd.google-apps.spreadsheet': '104857600' },
    maxUploadSize: String(faults.settings.maxFileSize),
    appInstalled: false,
    folderColorPalette: ['#ac725e', '#d06b64', '#f83a22', '#fa573c'],
    canCreateDrives: false,
  };
  sendJson(ctx.res, 200, applyFields(body, mask));
}

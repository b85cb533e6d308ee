import type { Usage } from '@rsyncish/core';
import type { DriveApi } from './api/drive-api.js';

/**
 * about.get(storageQuota) as rclone reads it: used is what Drive holds,
 * trashed what its trash holds, other what the account's other Google
 * services use; total and free only when the account has a limit.
 */
export async function driveUsage(api: DriveApi): Promise<Usage> {
  const q = (await api.about('storageQuota')).storageQuota ?? {};
  const num = (v: string | undefined) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const limit = num(q.limit);
  const usage = num(q.usage);
  const inDrive = num(q.usageInDrive);
  const trash = num(q.usageInDriveTrash);
  const out: Usage = {};
  if (inDrive !== undefined) out.used = inDrive;
  if (trash !== undefined) out.trashed = trash;
  if (usage !== undefined && inDrive !== undefined) out.other = usage - inDrive;
  if (limit !== undefined) {
    out.total = limit;
    if (usage !== undefined) out.free = limit - usage;
  }
  return out;
}

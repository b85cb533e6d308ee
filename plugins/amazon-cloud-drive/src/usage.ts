import type { Usage } from '@rsyncish/core';
import type { AcdApi } from './api/acd-api.js';

/**
 * The drive's quota from `account/quota` and its object count from
 * `account/usage` (the sum of the categories' totals). Used is what the quota
 * no longer has available, so trash, which counts against the quota, is in it.
 */
export async function driveUsage(api: AcdApi): Promise<Usage> {
  const [quota, usage] = await Promise.all([api.quota(), api.usage()]);
  const out: Usage = {};
  if (typeof quota.quota === 'number') out.total = quota.quota;
  if (typeof quota.quota === 'number' && typeof quota.available === 'number') out.used = quota.quota - quota.available;
  if (typeof quota.available === 'number') out.free = quota.available;
  let objects: number | undefined;
  for (const [key, value] of Object.entries(usage)) {
    if (key === 'lastCalculated' || typeof value !== 'object' || value === null) continue;
    const count = value.total?.count;
    if (typeof count === 'number') objects = (objects ?? 0) + count;
  }
  if (objects !== undefined) out.objects = objects;
  return out;
}

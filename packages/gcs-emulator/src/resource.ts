import type { StoredBucket, StoredObject } from './store.js';

/** An object as the JSON API shows it: numbers as strings, hashes in base64, links to this server. */
export function objectResource(o: StoredObject, base: string): Record<string, unknown> {
  const path = `b/${encodeURIComponent(o.bucket)}/o/${encodeURIComponent(o.name)}`;
  const r: Record<string, unknown> = {
    kind: 'storage#object',
    id: `${o.bucket}/${o.name}/${o.generation}`,
    selfLink: `${base}/storage/v1/${path}`,
    mediaLink: `${base}/download/storage/v1/${path}?generation=${o.generation}&alt=media`,
    name: o.name,
    bucket: o.bucket,
    generation: o.generation,
    metageneration: String(o.metageneration),
    contentType: o.contentType,
    storageClass: o.storageClass,
    size: String(o.size),
    md5Hash: o.md5Hash,
    crc32c: o.crc32c,
    etag: etagOf(o),
    timeCreated: o.timeCreated,
    updated: o.updated,
    timeStorageClassUpdated: o.timeCreated,
  };
  for (const k of ['contentEncoding', 'contentDisposition', 'contentLanguage', 'cacheControl'] as const) if (o[k]) r[k] = o[k];
  if (o.metadata) r['metadata'] = o.metadata;
  return r;
}

export function bucketResource(b: StoredBucket, base: string): Record<string, unknown> {
  return {
    kind: 'storage#bucket',
    id: b.name,
    selfLink: `${base}/storage/v1/b/${encodeURIComponent(b.name)}`,
    projectNumber: b.projectNumber,
    name: b.name,
    timeCreated: b.timeCreated,
    updated: b.updated,
    metageneration: String(b.metageneration),
    location: b.location,
    locationType: 'multi-region',
    storageClass: b.storageClass,
    etag: 'CAE=',
  };
}

/** Changes with the generation and the metageneration, as GCS's ETag does. */
export function etagOf(o: StoredObject): string {
  return Buffer.from(`${o.generation}/${o.metageneration}`).toString('base64');
}

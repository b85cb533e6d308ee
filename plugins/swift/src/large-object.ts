import { FatalBackendError, type Logger } from '@rsyncish/core';
import { listContainerPages } from './list-container.js';
import { formatMtime } from './metadata.js';
import type { SegmentSource } from './segment-source.js';
import type { SwiftClient } from './swift-client.js';

/** rclone's segments container for a container. */
export function segmentsContainer(container: string): string {
  return `${container}_segments`;
}

/** Where a DLO manifest's segments are: `container/prefix` of X-Object-Manifest (URL-encoded). */
export function parseManifest(value: string): { container: string; prefix: string } | undefined {
  const decoded = decodeURIComponent(value.replace(/^\/+/, ''));
  const slash = decoded.indexOf('/');
  if (slash <= 0) return undefined;
  return { container: decoded.slice(0, slash), prefix: decoded.slice(slash + 1) };
}

export interface SegmentedUpload {
  client: SwiftClient;
  container: string;
  object: string;
  /** Headers of the manifest object (type, mtime metadata). */
  headers: Record<string, string>;
  chunkSize: number;
  /** Exact size, or -1 when unknown. */
  size: number;
  source: SegmentSource;
  now: () => number;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Upload as rclone does: segments `<object>/<time>/<size>/<%08d>` in
 * `<container>_segments`, each streamed as it is read, then a zero-byte
 * Dynamic Large Object manifest naming their prefix. A failure removes the
 * segments already sent; the manifest is written last, so a reader never sees
 * a partial file.
 */
export async function uploadSegments(up: SegmentedUpload): Promise<number> {
  const segContainer = segmentsContainer(up.container);
  const prefix = `${up.object}/${formatMtime(up.now())}/${up.size}/`;
  const sent: string[] = [];
  try {
    for (let i = 0; i === 0 || !(await up.source.atEnd()); i++) {
      const name = `${prefix}${String(i).padStart(8, '0')}`;
      const length = up.size >= 0 ? Math.min(up.chunkSize, up.size - up.source.bytes) : undefined;
      sent.push(name);
      const res = await up.client.pacer.callNoRetry(() =>
        up.client.send({
          method: 'PUT',
          container: segContainer,
          object: name,
          body: up.source.segment(up.chunkSize),
          contentLength: length,
          signal: up.signal,
        }));
      res.body.resume();
      if (up.size >= 0 && up.source.bytes >= up.size) break;
    }
    if (up.size >= 0 && up.source.bytes !== up.size) {
      throw new FatalBackendError(`${up.container}/${up.object}: the source gave ${up.source.bytes} bytes, expected ${up.size}`, { hint: 'the file changed while it was read; run again' });
    }
    const manifest = `${encodeURIComponent(segContainer)}/${prefix.split('/').map(encodeURIComponent).join('/')}`;
    const res = await up.client.call({
      method: 'PUT',
      container: up.container,
      object: up.object,
      headers: { ...up.headers, 'x-object-manifest': manifest, 'content-length': '0' },
      body: Buffer.alloc(0),
    });
    res.body.resume();
    return up.source.bytes;
  } catch (err) {
    await deleteObjects(up.client, segContainer, sent, up.logger);
    throw err;
  }
}

/** Remove the segments below a manifest's prefix (after an overwrite or a delete). */
export async function deleteSegments(client: SwiftClient, manifest: string, logger: Logger): Promise<void> {
  const where = parseManifest(manifest);
  if (!where) return;
  const names: string[] = [];
  try {
    for await (const page of listContainerPages(client, { container: where.container, prefix: where.prefix, delimiter: '' })) {
      for (const o of page) if (o.name) names.push(o.name);
    }
  } catch (err) {
    logger.notice(`could not list the segments ${where.container}/${where.prefix}: ${(err as Error).message}`);
    return;
  }
  await deleteObjects(client, where.container, names, logger);
}

async function deleteObjects(client: SwiftClient, container: string, names: string[], logger: Logger): Promise<void> {
  for (const name of names) {
    try {
      (await client.call({ method: 'DELETE', container, object: name, expect: [204, 404] })).body.resume();
    } catch (err) {
      logger.notice(`could not delete segment ${container}/${name}: ${(err as Error).message}`);
    }
  }
}

import { FatalBackendError, TooLargeError, type Logger } from '@rsyncish/core';
import { MiB } from './options.js';
import type { PartReader } from '@rsyncish/object-store';
import type { S3Client } from './s3-client.js';
import { encodeXml, xmlText } from './xml.js';

/** S3 numbers parts 1 to 10000. */
export const MAX_PARTS = 10_000;

/** The part size for a known size: chunk_size, raised in whole MiB until 10000 parts hold the file. */
export function partSizeFor(size: number, chunkSize: number): number {
  if (size <= chunkSize * MAX_PARTS) return chunkSize;
  return Math.ceil(size / MAX_PARTS / MiB) * MiB;
}

export interface MultipartUpload {
  client: S3Client;
  bucket: string;
  key: string;
  /** Content-Type, metadata, storage class: fixed when the upload is created. */
  headers: Record<string, string>;
  partSize: number;
  concurrency: number;
  /** Exact size, or -1 when unknown. */
  size: number;
  reader: PartReader;
  /** A part already taken from the reader (the probe of an unknown-size stream). */
  firstPart?: Buffer;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Upload a stream as an S3 multipart upload: parts are read one at a time and
 * at most `concurrency` are in memory or on the wire at once. Any failure
 * aborts the upload on the server, so no invisible parts are left billed.
 */
export async function uploadMultipart(up: MultipartUpload): Promise<{ etag: string; size: number }> {
  const { client, bucket, key } = up;
  const what = `${bucket}/${key}`;
  const created = await client.text({ method: 'POST', bucket, key, query: { uploads: '' }, headers: up.headers, signal: up.signal }, `create multipart upload ${what}`);
  const uploadId = xmlText(created, 'UploadId');
  if (!uploadId) throw new FatalBackendError(`create multipart upload ${what}: no UploadId in the reply`);
  try {
    const etags = await uploadParts(up, uploadId);
    const body = `<CompleteMultipartUpload>${etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${encodeXml(etag)}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const done = await client.text(
      { method: 'POST', bucket, key, query: { uploadId }, body, headers: { 'content-type': 'application/xml' }, signal: up.signal },
      `complete multipart upload ${what}`,
    );
    // S3 may answer 200 and still report an error in the body.
    const code = xmlText(done, 'Code');
    if (code) throw new FatalBackendError(`complete multipart upload ${what}: ${code}: ${xmlText(done, 'Message') ?? ''}`);
    return { etag: xmlText(done, 'ETag') ?? '', size: up.reader.bytes };
  } catch (err) {
    await abortUpload(up, uploadId);
    throw err;
  }
}

async function uploadParts(up: MultipartUpload, uploadId: string): Promise<string[]> {
  const etags: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let part = up.firstPart;
  for (let n = 1; !failure; n++) {
    part ??= await up.reader.read(up.partSize);
    if (part.length === 0 && n > 1) break;
    if (n > MAX_PARTS) {
      throw new TooLargeError(`${up.bucket}/${up.key}: more than ${MAX_PARTS} parts of ${up.partSize} bytes`, {
        hint: 'raise --s3-chunk-size: a stream of unknown size can be at most chunk_size × 10000 bytes',
      });
    }
    const body = part;
    part = undefined;
    const sending: Promise<void> = uploadPart(up, uploadId, n, body).then(
      (etag) => void (etags[n - 1] = etag),
      (error: unknown) => void (failure ??= { error }),
    ).finally(() => {
      if (body.length === up.partSize) up.reader.release(body);
    });
    const tracked = sending.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (body.length < up.partSize) break;
    if (up.size >= 0 && up.reader.bytes >= up.size) break;
    // Bounded memory: read the next part only when a slot is free.
    while (inFlight.size >= up.concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  if (up.size >= 0 && up.reader.bytes !== up.size) {
    throw new FatalBackendError(`${up.bucket}/${up.key}: the source gave ${up.reader.bytes} bytes, expected ${up.size}`, {
      hint: 'the file changed while it was read; run again',
    });
  }
  return etags;
}

async function uploadPart(up: MultipartUpload, uploadId: string, partNumber: number, body: Buffer): Promise<string> {
  const res = await up.client.call(
    { method: 'PUT', bucket: up.bucket, key: up.key, query: { partNumber: String(partNumber), uploadId }, body, signal: up.signal },
    `upload part ${partNumber} of ${up.bucket}/${up.key}`,
  );
  res.body.resume();
  const etag = res.header('etag');
  if (!etag) throw new FatalBackendError(`upload part ${partNumber} of ${up.bucket}/${up.key}: no ETag in the reply`);
  return etag;
}

async function abortUpload(up: MultipartUpload, uploadId: string): Promise<void> {
  try {
    // Not tied to the caller's signal: an aborted put must still clean up.
    const res = await up.client.call({ method: 'DELETE', bucket: up.bucket, key: up.key, query: { uploadId } }, `abort multipart upload ${up.bucket}/${up.key}`);
    res.body.resume();
  } catch (err) {
    up.logger.notice(`${up.bucket}/${up.key}: could not abort multipart upload ${uploadId}: ${(err as Error).message}; its parts stay stored (and billed) until a lifecycle rule removes them`);
  }
}

import { FatalBackendError, type Logger } from '@rsyncish/core';
import type { ObjectHead } from './object-head.js';
import type { Location } from './paths.js';
import { encodeKey } from './paths.js';
import type { S3Client } from './s3-client.js';
import { encodeXml, xmlText } from './xml.js';

export interface CopyRequest {
  client: S3Client;
  src: Location;
  dst: Location;
  head: ObjectHead;
  /** Headers of the new object (content type, metadata, storage class). */
  headers: Record<string, string>;
  /** Objects above this go by UploadPartCopy in parts of this size. */
  copyCutoff: number;
  logger: Logger;
}

function copySource(src: Location): string {
  return `/${src.bucket}/${encodeKey(src.key)}`;
}

/** S3 may answer a copy with 200 and an error document; that is a failure. */
function checkCopyReply(xml: string, what: string): void {
  const code = xmlText(xml, 'Code');
  if (code) throw new FatalBackendError(`${what}: ${code}: ${xmlText(xml, 'Message') ?? ''}`);
}

/**
 * Server-side copy with the new object's metadata given in full (directive
 * REPLACE), so it serves both copy and setModTime. Up to copyCutoff in one
 * CopyObject; above it as a multipart upload of UploadPartCopy ranges.
 */
export async function copyObject(req: CopyRequest): Promise<void> {
  const { client, src, dst } = req;
  const what = `copy ${src.bucket}/${src.key} to ${dst.bucket}/${dst.key}`;
  if (req.head.size <= req.copyCutoff) {
    const xml = await client.text({
      method: 'PUT',
      bucket: dst.bucket,
      key: dst.key,
      headers: { ...req.headers, 'x-amz-copy-source': copySource(src), 'x-amz-metadata-directive': 'REPLACE' },
    }, what);
    checkCopyReply(xml, what);
    return;
  }
  const created = await client.text({ method: 'POST', bucket: dst.bucket, key: dst.key, query: { uploads: '' }, headers: req.headers }, what);
  const uploadId = xmlText(created, 'UploadId');
  if (!uploadId) throw new FatalBackendError(`${what}: no UploadId in the reply`);
  try {
    const etags: string[] = [];
    for (let start = 0, n = 1; start < req.head.size; start += req.copyCutoff, n++) {
      const end = Math.min(start + req.copyCutoff, req.head.size) - 1;
      const xml = await client.text({
        method: 'PUT',
        bucket: dst.bucket,
        key: dst.key,
        query: { partNumber: String(n), uploadId },
        headers: { 'x-amz-copy-source': copySource(src), 'x-amz-copy-source-range': `bytes=${start}-${end}` },
      }, `${what} (part ${n})`);
      checkCopyReply(xml, what);
      const etag = xmlText(xml, 'ETag');
      if (!etag) throw new FatalBackendError(`${what}: no ETag for part ${n}`);
      etags.push(etag);
    }
    const body = `<CompleteMultipartUpload>${etags
      .map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${encodeXml(etag)}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`;
    const done = await client.text({ method: 'POST', bucket: dst.bucket, key: dst.key, query: { uploadId }, body, headers: { 'content-type': 'application/xml' } }, what);
    checkCopyReply(done, what);
  } catch (err) {
    await client
      .call({ method: 'DELETE', bucket: dst.bucket, key: dst.key, query: { uploadId } })
      .then((res) => res.body.resume())
      .catch((e: Error) => req.logger.notice(`${what}: could not abort multipart upload ${uploadId}: ${e.message}`));
    throw err;
  }
}

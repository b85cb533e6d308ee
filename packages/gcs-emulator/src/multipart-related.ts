import { badRequest } from './errors.js';

export interface RelatedParts {
  metadata: Record<string, unknown>;
  media: Buffer;
  mediaType?: string;
}

/**
 * A `multipart/related` upload body: the object's JSON metadata, then its
 * content (uploadType=multipart).
 */
export function parseRelated(contentType: string, body: Buffer): RelatedParts {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/related/i.test(contentType) || !m) throw badRequest('Multipart upload needs Content-Type multipart/related with a boundary');
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: { headers: string; content: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    let end = next;
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2;
    const part = body.subarray(start, end);
    // A part may have no headers at all (Go's client sends the media so): then it starts with the blank line.
    if (part.subarray(0, 2).toString() === '\r\n') {
      parts.push({ headers: '', content: part.subarray(2) });
    } else {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) throw badRequest('Malformed multipart body: a part has no header end');
      parts.push({ headers: part.subarray(0, split).toString('utf8'), content: part.subarray(split + 4) });
    }
    at = next;
  }
  if (parts.length !== 2) throw badRequest(`Multipart upload needs two parts (metadata, media), got ${parts.length}`);
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(parts[0]!.content.toString('utf8') || '{}');
  } catch {
    throw badRequest('Multipart upload metadata is not JSON', 'parseError');
  }
  const mediaType = /^content-type:\s*(.+)$/im.exec(parts[1]!.headers)?.[1]?.trim();
  return { metadata, media: parts[1]!.content, mediaType };
}

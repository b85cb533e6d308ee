import type { S3Client } from './s3-client.js';
import { decodeXml, xmlBlocks, xmlText } from './xml.js';

export interface ObjectSummary {
  key: string;
  size: number;
  etag?: string;
  lastModified?: number;
}

export interface ListPage {
  objects: ObjectSummary[];
  /** Common prefixes, each ending in the delimiter. */
  prefixes: string[];
}

export interface ListObjectsInit {
  bucket: string;
  prefix: string;
  /** '/' for one directory level; '' for everything below the prefix. */
  delimiter: string;
  /** Keys per page (S3's max-keys, at most 1000). */
  pageSize?: number;
  signal?: AbortSignal;
}

/** ListObjectsV2, page by page, following the continuation token. */
export async function* listObjectPages(client: S3Client, init: ListObjectsInit): AsyncIterable<ListPage> {
  let token: string | undefined;
  do {
    const query: Record<string, string> = { 'list-type': '2', 'encoding-type': 'url', 'max-keys': String(init.pageSize ?? 1000) };
    if (init.prefix) query['prefix'] = init.prefix;
    if (init.delimiter) query['delimiter'] = init.delimiter;
    if (token) query['continuation-token'] = token;
    const xml = await client.text({ method: 'GET', bucket: init.bucket, query, signal: init.signal }, `list ${init.bucket}/${init.prefix}`);
    const page = parseListPage(xml);
    yield page;
    token = page.truncated ? page.nextToken : undefined;
  } while (token);
}

/** The objects below a prefix at any depth (a listing without delimiter), page by page. */
export async function* listObjectsBelow(client: S3Client, init: Omit<ListObjectsInit, 'delimiter'>): AsyncIterable<ObjectSummary[]> {
  for await (const page of listObjectPages(client, { ...init, delimiter: '' })) yield page.objects;
}

export function parseListPage(xml: string): ListPage & { truncated: boolean; nextToken?: string } {
  // Only a server that honoured encoding-type=url says so; others send keys as they are.
  const urlEncoded = xmlText(xml, 'EncodingType')?.toLowerCase() === 'url';
  const name = (raw: string) => {
    const text = decodeXml(raw);
    return urlEncoded ? decodeURIComponent(text.replace(/\+/g, ' ')) : text;
  };
  const objects = xmlBlocks(xml, 'Contents').map((c): ObjectSummary => {
    const modified = xmlText(c, 'LastModified');
    return {
      key: name(xmlBlocks(c, 'Key')[0] ?? ''),
      size: Number(xmlText(c, 'Size') ?? '0'),
      etag: xmlText(c, 'ETag'),
      lastModified: modified ? Date.parse(modified) : undefined,
    };
  });
  const prefixes = xmlBlocks(xml, 'CommonPrefixes').map((p) => name(xmlBlocks(p, 'Prefix')[0] ?? ''));
  const truncated = xmlText(xml, 'IsTruncated') === 'true';
  return { objects, prefixes, truncated, nextToken: xmlText(xml, 'NextContinuationToken') };
}

/** The names of the buckets of the account (ListBuckets). */
export async function listBuckets(client: S3Client, signal?: AbortSignal): Promise<{ name: string; created?: number }[]> {
  const xml = await client.text({ method: 'GET', bucket: '', signal }, 'list buckets');
  return xmlBlocks(xml, 'Bucket').map((b) => {
    const created = xmlText(b, 'CreationDate');
    return { name: xmlText(b, 'Name') ?? '', created: created ? Date.parse(created) : undefined };
  });
}

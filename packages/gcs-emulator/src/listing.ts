import { badRequest } from './errors.js';

export interface ListQuery {
  prefix: string;
  delimiter: string;
  maxResults: number;
  pageToken?: string;
  startOffset?: string;
  endOffset?: string;
}

export interface ListPage<T> {
  items: T[];
  prefixes: string[];
  nextPageToken?: string;
}

/**
 * One page of an objects listing: the names below `prefix` (already sorted),
 * each name with `delimiter` after the prefix rolled up into one prefix
 * entry, at most `maxResults` items and prefixes together. The page token is
 * the last name or prefix given, so a listing resumed after changes goes on
 * from where it was, as GCS's does.
 */
export function listPage<T extends { name: string }>(sorted: T[], q: ListQuery): ListPage<T> {
  const after = q.pageToken ? decodeToken(q.pageToken) : undefined;
  const items: T[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  for (const o of sorted) {
    if (!o.name.startsWith(q.prefix)) continue;
    if (q.startOffset && o.name < q.startOffset) continue;
    if (q.endOffset && o.name >= q.endOffset) continue;
    if (after !== undefined && (o.name <= after || (after.endsWith(q.delimiter || '\0') && o.name.startsWith(after)))) continue;
    let rolled: string | undefined;
    if (q.delimiter) {
      const at = o.name.indexOf(q.delimiter, q.prefix.length);
      if (at >= 0) rolled = o.name.slice(0, at + q.delimiter.length);
    }
    if (rolled !== undefined && rolled === prefixes[prefixes.length - 1]) continue;
    if (items.length + prefixes.length >= q.maxResults) return { items, prefixes, nextPageToken: encodeToken(last!) };
    if (rolled !== undefined) {
      prefixes.push(rolled);
      last = rolled;
    } else {
      items.push(o);
      last = o.name;
    }
  }
  return { items, prefixes };
}

function encodeToken(after: string): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof v.after === 'string') return v.after;
  } catch {
    // refused below
  }
  throw badRequest('Invalid pageToken', 'invalid');
}

/** maxResults as GCS reads it: default and most 1000. */
export function maxResultsOf(text: string | null): number {
  if (text === null || text === '') return 1000;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid value for maxResults: ${text}`);
  return Math.min(n, 1000);
}

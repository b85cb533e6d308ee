import { invalidParameter } from './errors.js';
import { matches, parentScope, parseQuery, QueryError } from './query.js';
import type { Query } from './query.js';
import type { StoredFile } from './store/file.js';
import type { FileStore } from './store/file-store.js';
import { isFolder } from './store/file.js';

type SortKey = { key: string; desc: boolean };

const ORDER_KEYS = new Set(['createdTime', 'folder', 'modifiedByMeTime', 'modifiedTime', 'name', 'name_natural', 'quotaBytesUsed', 'recency', 'sharedWithMeTime', 'starred', 'viewedByMeTime']);

export function parseOrderBy(text: string | null): SortKey[] {
  if (text === null || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z_]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m || !ORDER_KEYS.has(m[1]!)) throw invalidParameter('orderBy', `Invalid Value`);
    return { key: m[1]!, desc: m[2]?.toLowerCase() === 'desc' };
  });
}

function sortValue(f: StoredFile, key: string): string | number {
  switch (key) {
    case 'folder': return isFolder(f) ? 0 : 1;
    case 'name':
    case 'name_natural': return f.name.toLowerCase();
    case 'createdTime': return f.createdTime;
    case 'modifiedTime':
    case 'modifiedByMeTime':
    case 'recency':
    case 'viewedByMeTime': return f.modifiedTime;
    case 'quotaBytesUsed': return f.content?.size ?? 0;
    case 'starred': return f.starred ? 0 : 1;
    default: return 0;
  }
}

/** Sorts in place by the orderBy keys, creation order breaking ties (Drive's order is stable too). */
export function sortFiles(files: StoredFile[], order: SortKey[]): StoredFile[] {
  return files.sort((a, b) => {
    for (const { key, desc } of order) {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return a.seq - b.seq;
  });
}

export function parseQ(q: string | null): Query | undefined {
  if (q === null || q.trim() === '') return undefined;
  try {
    return parseQuery(q);
  } catch (err) {
    if (err instanceof QueryError) throw invalidParameter('q', 'Invalid Value');
    throw err;
  }
}

/** Files the query selects; the root folder is never listed. */
export function selectFiles(store: FileStore, q: Query | undefined, resolveId: (id: string) => string): StoredFile[] {
  const out: StoredFile[] = [];
  const scope = q && parentScope(q);
  // A query bound to folders needs only their children: listing a folder costs its size, not the drive's.
  const candidates = scope ? new Set(scope.flatMap((id) => store.childrenOf(resolveId(id)))) : store.all();
  for (const f of candidates) {
    if (f.isRoot) continue;
    const view = { ...f, fullText: `${f.name} ${f.description ?? ''}` };
    if (!q || matches(q, view, resolveId)) out.push(f);
  }
  return out;
}

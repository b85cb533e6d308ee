// list_folder and list_folder/continue. A cursor carries all it needs (so it outlives a
// restart): the folder, whether the listing is recursive, the change sequence number it was
// made at, and, while the first listing is still being paged, the last path it handed out.
// Once the first listing is done, continue reports what changed after the cursor's sequence
// number: entries written since, and deleted ones as `deleted`. Reporting an entry again is
// harmless, as in Dropbox: each listed entry is the current state of its path.
import type { App } from './context.js';
import { badInput, endpointTags } from './errors.js';
import { deletedJson, taggedJson } from './metadata.js';
import { lower } from './paths.js';

interface Cursor {
  /** The folder's path_lower, "" for the root. */
  p: string;
  r: boolean;
  d: boolean;
  l: number;
  s: number;
  /** During the first listing: the path_lower the last page ended with. */
  a?: string;
}

export const DEFAULT_LIMIT = 2000;

const encode = (c: Cursor): string => `AAE${Buffer.from(JSON.stringify(c)).toString('base64url')}`;

export function decodeCursor(route: string, text: string): Cursor {
  try {
    if (!text.startsWith('AAE')) throw new Error('prefix');
    const c = JSON.parse(Buffer.from(text.slice(3), 'base64url').toString('utf8')) as Cursor;
    if (typeof c.p !== 'string' || typeof c.s !== 'number') throw new Error('shape');
    return c;
  } catch {
    throw badInput(route, 'Invalid "cursor" parameter: could not decode cursor');
  }
}

export function listPage(app: App, cursor: Cursor): Record<string, unknown> {
  const { tree } = app;
  const folder = cursor.p === '' ? undefined : tree.get(cursor.p);
  // The folder itself went away (or became a file) since the cursor was made.
  if (cursor.p !== '' && (!folder || folder.kind !== 'folder')) throw endpointTags('reset');
  if (cursor.a !== undefined) {
    const all = tree.listUnder(cursor.p, cursor.r).filter((e) => lower(e.display) > cursor.a!);
    const page = all.slice(0, cursor.l);
    const more = all.length > page.length;
    const next: Cursor = { ...cursor };
    if (more) next.a = lower(page[page.length - 1]!.display);
    else delete next.a;
    return { entries: page.map(taggedJson), cursor: encode(next), has_more: more };
  }
  const changed = [
    ...tree.listUnder(cursor.p, cursor.r).filter((e) => e.seq > cursor.s).map((e) => ({ seq: e.seq, json: taggedJson(e) })),
    ...tree.tombstonesUnder(cursor.p, cursor.r, cursor.s).map((t) => ({ seq: t.seq, json: deletedJson(t) })),
  ].sort((x, y) => x.seq - y.seq);
  const page = changed.slice(0, cursor.l);
  const more = changed.length > page.length;
  const next: Cursor = { ...cursor, s: more ? page[page.length - 1]!.seq : tree.currentSeq() };
  return { entries: page.map((c) => c.json), cursor: encode(next), has_more: more };
}

/** The first page of a listing of `folderLower`, the cursor made at the current sequence number. */
export function startListing(app: App, folderLower: string, recursive: boolean, includeDeleted: boolean, limit: number, includeSelf: boolean): Record<string, unknown> {
  const first = listPage(app, { p: folderLower, r: recursive, d: includeDeleted, l: limit, s: app.tree.currentSeq(), a: '' });
  // A recursive listing of a folder other than the root starts with the folder itself.
  if (includeSelf) (first['entries'] as unknown[]).unshift(taggedJson(app.tree.get(folderLower)!));
  return first;
}

/** A cursor for "from now on", as list_folder/get_latest_cursor hands out. */
export function latestCursor(app: App, folderLower: string, recursive: boolean, includeDeleted: boolean): string {
  return encode({ p: folderLower, r: recursive, d: includeDeleted, l: DEFAULT_LIMIT, s: app.tree.currentSeq() });
}

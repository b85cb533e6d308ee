// The operations on the namespace that several routes share: finding an entry from a path
// argument, committing an uploaded file, making folders, deleting, copying and moving.
import type { App } from './context.js';
import { badInput, endpointTags, Failure, lookupFailure, writeFailure } from './errors.js';
import type { Tagged } from './errors.js';
import { argReader } from './args.js';
import type { Args } from './args.js';
import { parseDropboxTime } from './metadata.js';
import { checkStorableName, joinLower, lower, parsePathArg } from './paths.js';
import type { PathArg } from './paths.js';
import type { Entry } from './store/entry.js';
import { newEntryId } from './store/tree.js';
import type { Written } from './store/blobs.js';

const wholeSeconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

/** The path segments an argument names now (an `id:` argument follows its entry). */
export function segmentsOf(app: App, arg: PathArg, side: Failure['side']): string[] {
  if (arg.kind === 'path') return arg.segments;
  const base = app.tree.getById(arg.id);
  if (!base) throw new Failure(side, { '.tag': 'not_found' });
  return [...base.display.slice(1).split('/'), ...arg.segments];
}

/** The entry an argument names; `not_found` when there is none. */
export function lookup(app: App, arg: PathArg): Entry {
  const entry = app.tree.get(joinLower(segmentsOf(app, arg, 'lookup')));
  if (!entry) throw lookupFailure('not_found');
  return entry;
}

/** "a.txt" -> "a (1).txt", "a (2).txt"...: the first name free in the same folder. */
function autorenamed(app: App, segments: string[]): string[] {
  const name = segments[segments.length - 1]!;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = [...segments.slice(0, -1), `${stem} (${n})${ext}`];
    if (!app.tree.get(joinLower(candidate))) return candidate;
  }
}

function display(app: App, segments: string[]): string {
  const parent = app.tree.ensureParents(segments);
  return `${parent}/${segments[segments.length - 1]}`;
}

export interface CommitInfo {
  path: PathArg;
  mode: Tagged;
  autorename: boolean;
  clientModified?: number;
}

/** Reads a CommitInfo (upload, finish, and each batch entry's `commit`). */
export function parseCommitInfo(route: string, raw: Args, prefix = ''): CommitInfo {
  const r = argReader(route, raw, prefix);
  const info: CommitInfo = {
    path: parsePathArg(route, `${prefix}path`, raw?.['path'], 'write'),
    mode: r.union('mode', 'add'),
    autorename: r.bool('autorename', false),
  };
  if (!['add', 'overwrite', 'update'].includes(info.mode['.tag'])) throw badInput(route, `request body: ${prefix}mode: unknown tag '${info.mode['.tag']}'`);
  if (info.mode['.tag'] === 'update' && typeof info.mode['update'] !== 'string') throw badInput(route, `request body: ${prefix}mode: missing "update" field`);
  const cm = r.optString('client_modified');
  if (cm !== undefined) {
    const ms = parseDropboxTime(cm);
    if (ms === undefined) throw badInput(route, `request body: ${prefix}client_modified: time data '${cm}' does not match format '%Y-%m-%dT%H:%M:%SZ'`);
    info.clientModified = ms;
  }
  return info;
}

/**
 * Puts uploaded content at the commit's path. `add` never replaces a different file (the same
 * content answers with the file as it is); `overwrite` replaces a file; `update` replaces it only
 * at the given rev. A folder in the way, or a file where replacing is not allowed, is a conflict
 * unless `autorename` picks a free name.
 */
export function commitFile(app: App, info: CommitInfo, written: Written): Entry {
  let segments = segmentsOf(app, info.path, 'write');
  if (segments.length === 0) throw writeFailure('malformed_path');
  checkStorableName(segments[segments.length - 1]!);
  const now = wholeSeconds(app.now());
  const content = (): NonNullable<Entry['file']> => ({
    size: written.size,
    contentHash: written.contentHash,
    rev: app.tree.newRev(),
    clientModified: info.clientModified ?? now,
    serverModified: now,
  });
  const existing = app.tree.get(joinLower(segments));
  if (existing?.kind === 'file' && existing.file) {
    const mode = info.mode['.tag'];
    const same = existing.file.contentHash === written.contentHash;
    if (mode === 'overwrite' || (mode === 'update' && info.mode['update'] === existing.file.rev)) return app.tree.replaceContent(existing, content());
    if (same) return existing;
    if (!info.autorename) throw writeFailure('conflict', 'file');
    segments = autorenamed(app, segments);
  } else if (existing) {
    if (!info.autorename) throw writeFailure('conflict', 'folder');
    segments = autorenamed(app, segments);
  }
  const path = display(app, segments);
  return app.tree.insert({ id: newEntryId(), kind: 'file', name: segments[segments.length - 1]!, display: path, seq: 0, file: content() });
}

export function createFolder(app: App, arg: PathArg, autorename: boolean): Entry {
  let segments = segmentsOf(app, arg, 'write');
  if (segments.length === 0) throw writeFailure('malformed_path');
  checkStorableName(segments[segments.length - 1]!);
  const existing = app.tree.get(joinLower(segments));
  if (existing) {
    if (!autorename) throw writeFailure('conflict', existing.kind);
    segments = autorenamed(app, segments);
  }
  return app.tree.insert({ id: newEntryId(), kind: 'folder', name: segments[segments.length - 1]!, display: display(app, segments), seq: 0 });
}

/** Deletes an entry (a folder with everything in it); answers with what it was. */
export function deleteEntry(app: App, arg: PathArg, parentRev: string | undefined): Entry {
  const entry = lookup(app, arg);
  if (parentRev !== undefined && entry.file?.rev !== parentRev) throw writeFailure('conflict', 'file');
  app.tree.remove(entry);
  return entry;
}

/**
 * copy_v2 and move_v2. Failures on the source are `from_lookup/...`, on the destination
 * `to/...`. A move that changes only the case of the name renames in place.
 */
export function relocate(app: App, route: string, raw: Args, copy: boolean): Entry {
  const r = argReader(route, raw);
  const side = (tag: string, f: unknown): never => {
    if (f instanceof Failure) throw endpointTags(tag, ...tagsOf(f.reason));
    throw f;
  };
  let source: Entry;
  let to: string[];
  try {
    source = lookup(app, parsePathArg(route, 'from_path', raw['from_path'], 'lookup'));
  } catch (f) {
    return side('from_lookup', f);
  }
  try {
    to = segmentsOf(app, parsePathArg(route, 'to_path', raw['to_path'], 'write'), 'write');
    if (to.length === 0) throw writeFailure('malformed_path');
    checkStorableName(to[to.length - 1]!);
  } catch (f) {
    return side('to', f);
  }
  const fromLower = lower(source.display);
  const toLower = joinLower(to);
  if (toLower === fromLower && (copy || source.display === `/${to.join('/')}`)) throw endpointTags('duplicated_or_nested_paths');
  if (toLower.startsWith(`${fromLower}/`)) throw endpointTags('cant_move_folder_into_itself');
  const existing = app.tree.get(toLower);
  if (existing && existing !== source) {
    if (!r.bool('autorename', false)) throw endpointTags('to', 'conflict', existing.kind);
    to = autorenamed(app, to);
  }
  let target: string;
  try {
    target = display(app, to);
  } catch (f) {
    return side('to', f);
  }
  if (!copy) return app.tree.move(source, target);
  const now = wholeSeconds(app.now());
  let top: Entry | undefined;
  for (const e of app.tree.subtree(source)) {
    const copyDisplay = target + e.display.slice(source.display.length);
    const made: Entry = { id: newEntryId(), kind: e.kind, name: copyDisplay.slice(copyDisplay.lastIndexOf('/') + 1), display: copyDisplay, seq: 0 };
    if (e.file) made.file = { ...e.file, rev: app.tree.newRev(), serverModified: now };
    top ??= app.tree.insert(made);
    if (made !== top) app.tree.insert(made);
  }
  return top!;
}

function tagsOf(t: Tagged): string[] {
  const tags: string[] = [];
  let cur: Tagged | undefined = t;
  while (cur) {
    tags.push(cur['.tag']);
    cur = cur[cur['.tag']] as Tagged | undefined;
  }
  return tags;
}

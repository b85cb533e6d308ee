import { randomBytes } from 'node:crypto';
import { writeFailure } from '../errors.js';
import { lower } from '../paths.js';
import type { Entry, FileContent, Tombstone } from './entry.js';

/** The changes since the last record, for the journal: entries by id, removals by id. */
export interface TreeChange {
  seq: number;
  upserts: Entry[];
  removed: string[];
  tombstones: Tombstone[];
}

export interface TreeSnapshot {
  seq: number;
  entries: Entry[];
  tombstones: Tombstone[];
}

export function newEntryId(): string {
  return `id:${randomBytes(16).toString('base64url')}`;
}

const parentOf = (lowerPath: string): string => lowerPath.slice(0, lowerPath.lastIndexOf('/'));

/**
 * The namespace: one tree of folders and files keyed by lower-case path, so lookups ignore case
 * while each entry keeps the case it was created with. The root ("") is implicit. Every change
 * gets the next sequence number and is remembered for the journal until taken.
 */
export class Tree {
  private readonly byLower = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly children = new Map<string, Set<string>>([['', new Set()]]);
  private readonly tombs = new Map<string, Tombstone>();
  private seq = 0;
  private changed = new Map<string, Entry>();
  private removed = new Set<string>();
  private newTombs: Tombstone[] = [];

  constructor(private readonly onChange: () => void = () => {}) {}

  load(snapshot: TreeSnapshot | undefined, changes: TreeChange[]): void {
    const byId = new Map<string, Entry>();
    const tombs = new Map<string, Tombstone>();
    let seq = 0;
    const apply = (c: { seq: number; entries?: Entry[]; upserts?: Entry[]; removed?: string[]; tombstones: Tombstone[] }): void => {
      for (const id of c.removed ?? []) byId.delete(id);
      for (const e of [...(c.entries ?? []), ...(c.upserts ?? [])]) byId.set(e.id, e);
      for (const t of c.tombstones) tombs.set(lower(t.display), t);
      seq = Math.max(seq, c.seq);
    };
    if (snapshot) apply(snapshot);
    for (const c of changes) apply(c);
    // Parents before children, so each entry's folder is indexed when it is.
    const entries = [...byId.values()].sort((a, b) => a.display.split('/').length - b.display.split('/').length);
    for (const e of entries) this.index(e);
    for (const [k, t] of tombs) if (!this.byLower.has(k)) this.tombs.set(k, t);
    this.seq = seq;
  }

  snapshot(): TreeSnapshot {
    this.takeChange();
    return { seq: this.seq, entries: [...this.byId.values()], tombstones: [...this.tombs.values()] };
  }

  takeChange(): TreeChange | undefined {
    if (this.changed.size === 0 && this.removed.size === 0 && this.newTombs.length === 0) return undefined;
    const change = { seq: this.seq, upserts: [...this.changed.values()], removed: [...this.removed], tombstones: this.newTombs };
    this.changed = new Map();
    this.removed = new Set();
    this.newTombs = [];
    return change;
  }

  get(lowerPath: string): Entry | undefined {
    return this.byLower.get(lowerPath);
  }

  getById(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** All entries, for the control endpoint and the blob sweep. */
  all(): IterableIterator<Entry> {
    return this.byId.values();
  }

  nextSeq(): number {
    return ++this.seq;
  }

  currentSeq(): number {
    return this.seq;
  }

  newRev(): string {
    return `${(this.seq + 1).toString(16).padStart(9, '0')}${randomBytes(3).toString('hex')}`;
  }

  /**
   * Makes sure every folder on the way to `segments` (which name an entry to be created) exists,
   * creating the missing ones, and returns the display path of the parent. A file on the way is
   * the write failure `conflict/file_ancestor`.
   */
  ensureParents(segments: string[]): string {
    let display = '';
    for (let i = 0; i < segments.length - 1; i++) {
      const here = `${display}/${segments[i]}`;
      const found = this.byLower.get(lower(here));
      if (found && found.kind === 'file') throw writeFailure('conflict', 'file_ancestor');
      if (found) display = found.display;
      else {
        this.insert({ id: newEntryId(), kind: 'folder', name: segments[i]!, display: here, seq: 0 });
        display = here;
      }
    }
    return display;
  }

  /** Adds a new entry (its place must be free and its parent must exist). */
  insert(entry: Entry): Entry {
    entry.seq = this.nextSeq();
    this.index(entry);
    this.tombs.delete(lower(entry.display));
    this.touch(entry);
    return entry;
  }

  /** A new revision of an existing file. */
  replaceContent(entry: Entry, content: FileContent): Entry {
    entry.file = content;
    entry.seq = this.nextSeq();
    this.touch(entry);
    return entry;
  }

  /** Removes an entry and everything under it; each leaves a tombstone for continue. */
  remove(entry: Entry): void {
    for (const e of this.subtree(entry).reverse()) {
      const key = lower(e.display);
      this.byLower.delete(key);
      this.byId.delete(e.id);
      this.children.delete(key);
      this.children.get(parentOf(key))?.delete(key);
      const tomb = { name: e.name, display: e.display, seq: this.nextSeq() };
      this.tombs.set(key, tomb);
      this.newTombs.push(tomb);
      this.changed.delete(e.id);
      this.removed.add(e.id);
    }
    this.onChange();
  }

  /** Moves (and renames) an entry and everything under it to `toDisplay`; ids stay. */
  move(entry: Entry, toDisplay: string): Entry {
    const from = entry.display;
    const moving = this.subtree(entry);
    for (const e of [...moving].reverse()) this.unindex(e);
    for (const key of [lower(from)]) {
      const tomb = { name: entry.name, display: from, seq: this.nextSeq() };
      this.tombs.set(key, tomb);
      this.newTombs.push(tomb);
    }
    for (const e of moving) {
      e.display = toDisplay + e.display.slice(from.length);
      if (e === entry) e.name = toDisplay.slice(toDisplay.lastIndexOf('/') + 1);
      e.seq = this.nextSeq();
      this.index(e);
      this.tombs.delete(lower(e.display));
      this.touch(e);
    }
    return entry;
  }

  /** The entry and everything under it, parents before children. */
  subtree(entry: Entry): Entry[] {
    const out: Entry[] = [entry];
    for (let i = 0; i < out.length; i++) {
      const kids = this.children.get(lower(out[i]!.display));
      if (kids) for (const k of kids) out.push(this.byLower.get(k)!);
    }
    return out;
  }

  /** The entries directly in (or, recursive, anywhere under) a folder, sorted by path_lower. */
  listUnder(folderLower: string, recursive: boolean): Entry[] {
    const out: Entry[] = [];
    const walk = (dir: string): void => {
      for (const k of this.children.get(dir) ?? []) {
        const e = this.byLower.get(k)!;
        out.push(e);
        if (recursive && e.kind === 'folder') walk(k);
      }
    };
    walk(folderLower);
    return out.sort((a, b) => (lower(a.display) < lower(b.display) ? -1 : 1));
  }

  /** Tombstones under a folder newer than `seq`. */
  tombstonesUnder(folderLower: string, recursive: boolean, seq: number): Tombstone[] {
    const out: Tombstone[] = [];
    for (const [k, t] of this.tombs) {
      if (t.seq <= seq || !k.startsWith(`${folderLower}/`)) continue;
      if (!recursive && parentOf(k) !== folderLower) continue;
      out.push(t);
    }
    return out;
  }

  usedBytes(): number {
    let used = 0;
    for (const e of this.byId.values()) used += e.file?.size ?? 0;
    return used;
  }

  private touch(entry: Entry): void {
    this.removed.delete(entry.id);
    this.changed.set(entry.id, entry);
    this.onChange();
  }

  private index(entry: Entry): void {
    const key = lower(entry.display);
    this.byLower.set(key, entry);
    this.byId.set(entry.id, entry);
    const parent = parentOf(key);
    if (!this.children.has(parent)) this.children.set(parent, new Set());
    this.children.get(parent)!.add(key);
    if (entry.kind === 'folder' && !this.children.has(key)) this.children.set(key, new Set());
  }

  private unindex(entry: Entry): void {
    const key = lower(entry.display);
    this.byLower.delete(key);
    this.children.get(parentOf(key))?.delete(key);
    this.children.delete(key);
  }
}

import { newNodeId } from '../ids.js';
import type { StoredNode } from './node.js';

export interface MetadataSnapshot {
  nodes: StoredNode[];
  nextSeq: number;
  changeSeq: number;
}

/** Nodes added or changed since the last snapshot or record, in their state at the time. */
export interface MetadataChange {
  nodes: StoredNode[];
  nextSeq: number;
  changeSeq: number;
}

export type NewNode = Omit<StoredNode, 'seq' | 'changeSeq' | 'id' | 'version' | 'createdDate' | 'modifiedDate'> &
  Partial<Pick<StoredNode, 'id'>>;

/**
 * All node metadata in memory, with a parent -> children index. Every mutation goes through
 * add/change so the index, the change sequence (for the changes feed) and persistence stay in step.
 */
export class MetadataStore {
  private readonly nodes = new Map<string, StoredNode>();
  private readonly children = new Map<string, Set<string>>();
  private nextSeq = 1;
  private changeSeq = 0;
  private rootId = '';

  constructor(
    /** Called with each node added or changed. */
    private readonly onChange: (node: StoredNode) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Loads a snapshot and the journal of changes made after it, or, with neither, creates a
   * drive holding only its root.
   */
  init(snapshot?: MetadataSnapshot, changes: MetadataChange[] = []): void {
    if (snapshot) {
      this.nextSeq = snapshot.nextSeq;
      this.changeSeq = snapshot.changeSeq;
      for (const node of snapshot.nodes) this.index(node);
    }
    for (const change of changes) this.replay(change);
    if (!snapshot && changes.length === 0) {
      this.add({ kind: 'FOLDER', parents: [], status: 'AVAILABLE', isRoot: true, createdBy: 'CloudDriveFiles', labels: [] });
    }
    const root = [...this.nodes.values()].find((n) => n.isRoot);
    if (!root) throw new Error('metadata has no root node');
    this.rootId = root.id;
  }

  get root(): StoredNode {
    return this.nodes.get(this.rootId)!;
  }

  get currentChangeSeq(): number {
    return this.changeSeq;
  }

  get(id: string): StoredNode | undefined {
    const node = this.nodes.get(id);
    return node && node.status !== 'PURGED' ? node : undefined;
  }

  /** Includes purged tombstones, which only the changes feed reports. */
  all(): IterableIterator<StoredNode> {
    return this.nodes.values();
  }

  childrenOf(id: string): StoredNode[] {
    const ids = this.children.get(id);
    if (!ids) return [];
    const out: StoredNode[] = [];
    for (const childId of ids) {
      const child = this.nodes.get(childId);
      if (child && child.status !== 'PURGED') out.push(child);
    }
    return out;
  }

  add(fields: NewNode): StoredNode {
    const now = this.now();
    const node: StoredNode = {
      ...fields,
      id: fields.id ?? this.freshId(),
      version: 1,
      createdDate: now,
      modifiedDate: now,
      seq: this.nextSeq++,
      changeSeq: ++this.changeSeq,
    };
    this.index(node);
    this.onChange(node);
    return node;
  }

  /**
   * Applies a mutation. `touch` (the default) is a client-visible metadata change: version + 1
   * and a new modifiedDate, as the real service does on rename, move, trash, restore, overwrite.
   */
  change(node: StoredNode, mutate: (n: StoredNode) => void, touch = true): StoredNode {
    const before = node.parents.slice();
    mutate(node);
    if (touch) {
      node.version += 1;
      node.modifiedDate = Math.max(this.now(), node.modifiedDate);
    }
    node.changeSeq = ++this.changeSeq;
    for (const p of before) if (!node.parents.includes(p)) this.children.get(p)?.delete(node.id);
    for (const p of node.parents) this.childSet(p).add(node.id);
    this.onChange(node);
    return node;
  }

  /** The AVAILABLE child of `parentId` whose name equals `name` ignoring case, if any. */
  findClash(parentId: string, name: string, exceptId?: string): StoredNode | undefined {
    const wanted = name.toLowerCase();
    return this.childrenOf(parentId).find(
      (c) => c.status === 'AVAILABLE' && c.id !== exceptId && c.name?.toLowerCase() === wanted,
    );
  }

  findByLocalId(localId: string): StoredNode | undefined {
    for (const node of this.nodes.values()) if (node.localId === localId && node.status !== 'PURGED') return node;
    return undefined;
  }

  findAvailableByMd5(md5: string): StoredNode | undefined {
    for (const node of this.nodes.values()) {
      if (node.status === 'AVAILABLE' && node.content?.md5 === md5) return node;
    }
    return undefined;
  }

  /** True when `ancestorId` is `id` or lies above it on some parent path. */
  isSelfOrAncestor(ancestorId: string, id: string): boolean {
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === ancestorId) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      stack.push(...(this.nodes.get(cur)?.parents ?? []));
    }
    return false;
  }

  /** A journal record of these nodes' present state, with the sequence counters. */
  changeOf(nodes: Iterable<StoredNode>): MetadataChange {
    return { nodes: [...nodes], nextSeq: this.nextSeq, changeSeq: this.changeSeq };
  }

  /** Nodes as a journal recorded them replace what the snapshot had. */
  private replay(change: MetadataChange): void {
    for (const node of change.nodes) {
      const before = this.nodes.get(node.id);
      for (const p of before?.parents ?? []) this.children.get(p)?.delete(node.id);
      this.index(node);
    }
    this.nextSeq = change.nextSeq;
    this.changeSeq = change.changeSeq;
  }

  snapshot(): MetadataSnapshot {
    return { nodes: [...this.nodes.values()], nextSeq: this.nextSeq, changeSeq: this.changeSeq };
  }

  private index(node: StoredNode): void {
    this.nodes.set(node.id, node);
    for (const p of node.parents) this.childSet(p).add(node.id);
  }

  private childSet(parentId: string): Set<string> {
    let set = this.children.get(parentId);
    if (!set) this.children.set(parentId, (set = new Set()));
    return set;
  }

  private freshId(): string {
    let id = newNodeId();
    while (this.nodes.has(id)) id = newNodeId();
    return id;
  }
}

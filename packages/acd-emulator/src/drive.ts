import { contentTypeFor } from './content-type.js';
import { apiError, badRequest, forbidden, nameConflict, notFound } from './errors.js';
import type { BlobStore, WrittenBlob } from './store/blob-store.js';
import type { MetadataStore } from './store/metadata-store.js';
import type { StoredNode } from './store/node.js';

const MAX_NAME_CHARS = 1024;
const READ_ONLY_FIELDS = ['id', 'kind', 'isRoot', 'createdDate', 'modifiedDate', 'version', 'createdBy', 'restricted', 'isShared', 'eTagResponse'];

/** Validated metadata of a node about to be created. */
export interface NewNodeSpec {
  name: string;
  parents: string[];
  localId?: string;
  labels: string[];
  description?: string;
}

export interface CommitOptions {
  createdBy: string;
  contentType?: string;
  /** Without `suppress=deduplication`, non-empty content already in the drive is refused. */
  deduplicate: boolean;
  pending: boolean;
  /** Listings hide the node until then (ghost uploads). */
  visibleAt?: number;
}

/**
 * The drive's rules, independent of HTTP: names unique per folder ignoring case among AVAILABLE
 * nodes, trash as a status, multi-parent nodes, content versions. Every method validates and
 * throws the ApiError the real service answers.
 */
export class Drive {
  constructor(
    readonly store: MetadataStore,
    private readonly blobs: BlobStore,
    private readonly listingLagMs: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  require(id: string): StoredNode {
    const node = this.store.get(id);
    if (!node) throw notFound(`Node ${id} does not exist`);
    return node;
  }

  /** Parses and checks `{name, parents?, localId?, labels?, description?}` for a new node. */
  specFrom(body: Record<string, unknown>): NewNodeSpec {
    const name = validName(body['name']);
    const rawParents = body['parents'] ?? [this.store.root.id];
    if (!Array.isArray(rawParents) || rawParents.length === 0 || rawParents.some((p) => typeof p !== 'string')) {
      throw badRequest('parents must be a non-empty array of node ids');
    }
    const parents = [...new Set(rawParents as string[])];
    for (const p of parents) this.requireFolder(p);
    const spec: NewNodeSpec = { name, parents, labels: validLabels(body['labels']) };
    if (body['localId'] !== undefined) spec.localId = String(body['localId']);
    if (body['description'] !== undefined && body['description'] !== null) spec.description = String(body['description']);
    return spec;
  }

  /** Re-checks clashes at the moment of creation: an upload's metadata is read long before its end. */
  checkCreatable(spec: NewNodeSpec): void {
    for (const p of spec.parents) {
      this.requireFolder(p);
      const clash = this.store.findClash(p, spec.name);
      if (clash) throw nameConflict(spec.name, p, clash.id);
    }
    if (spec.localId !== undefined) {
      const other = this.store.findByLocalId(spec.localId);
      if (other) {
        throw apiError(409, 'NAME_ALREADY_EXISTS', `Node with localId ${spec.localId} already exists conflicting NodeId: ${other.id}`, {
          info: { nodeId: other.id },
        });
      }
    }
  }

  createFolder(spec: NewNodeSpec, createdBy: string): StoredNode {
    this.checkCreatable(spec);
    return this.store.add({ ...this.baseFields(spec, createdBy), kind: 'FOLDER', status: 'AVAILABLE', visibleAt: this.lagged() });
  }

  createFile(spec: NewNodeSpec, written: WrittenBlob, opts: CommitOptions): StoredNode {
    this.checkCreatable(spec);
    if (opts.deduplicate && written.size > 0) {
      const twin = this.store.findAvailableByMd5(written.md5);
      if (twin) {
        throw apiError(409, 'DUPLICATE_FILE', 'Attempted to upload a duplicate File', { info: { nodeId: twin.id } });
      }
    }
    const now = this.now();
    const visibleAt = Math.max(opts.visibleAt ?? 0, this.lagged() ?? 0) || undefined;
    return this.store.add({
      ...this.baseFields(spec, opts.createdBy),
      kind: 'FILE',
      status: opts.pending ? 'PENDING' : 'AVAILABLE',
      content: {
        size: written.size,
        md5: written.md5,
        contentType: contentTypeFor(spec.name, opts.contentType),
        version: 1,
        contentDate: now,
        blob: written.blob,
      },
      visibleAt,
    });
  }

  /** The node left behind by an upload whose body never arrived in full (real: status PENDING, no content). */
  createInterrupted(spec: NewNodeSpec, createdBy: string): StoredNode {
    return this.store.add({ ...this.baseFields(spec, createdBy), kind: 'FILE', status: 'PENDING' });
  }

  /** Checks that a node can take new content; called before and after the body is received. */
  requireOverwritable(id: string): StoredNode {
    const node = this.require(id);
    if (node.kind !== 'FILE') throw badRequest(`Node ${id} is a ${node.kind}, not a FILE`);
    if (node.status === 'TRASH') throw badRequest(`Node ${id} is in trash`);
    return node;
  }

  overwrite(id: string, written: WrittenBlob, partContentType: string | undefined): StoredNode {
    const node = this.requireOverwritable(id);
    const old = node.content?.blob;
    this.store.change(node, (n) => {
      n.status = 'AVAILABLE';
      n.content = {
        size: written.size,
        md5: written.md5,
        contentType: contentTypeFor(n.name, partContentType),
        version: (n.content?.version ?? 0) + 1,
        contentDate: this.now(),
        blob: written.blob,
      };
    });
    if (old) this.blobs.retire(old);
    return node;
  }

  patch(id: string, body: Record<string, unknown>): StoredNode {
    const node = this.require(id);
    if ('contentProperties' in body) throw forbidden('contentProperties cannot be updated');
    for (const field of READ_ONLY_FIELDS) if (field in body) throw badRequest(`${field} cannot be changed`);
    if (body['status'] === 'TRASH') return this.trash(id);
    if (body['status'] === 'AVAILABLE' && node.status === 'TRASH') this.restore(id);
    else if (body['status'] !== undefined && body['status'] !== node.status) throw badRequest(`status cannot become ${String(body['status'])}`);

    const name = body['name'] !== undefined ? validName(body['name']) : undefined;
    if (name !== undefined && node.isRoot) throw forbidden('The root folder cannot be renamed');
    let parents: string[] | undefined;
    if (body['parents'] !== undefined) {
      if (node.isRoot) throw forbidden('The root folder cannot be moved');
      const raw = body['parents'];
      if (!Array.isArray(raw) || raw.length === 0 || raw.some((p) => typeof p !== 'string')) {
        throw badRequest('parents must be a non-empty array of node ids');
      }
      parents = [...new Set(raw as string[])];
      for (const p of parents) this.requireParentFor(node, p);
    }
    const labels = body['labels'] !== undefined ? validLabels(body['labels']) : undefined;
    const finalName = name ?? node.name;
    if (node.status === 'AVAILABLE' && finalName !== undefined) {
      for (const p of parents ?? node.parents) {
        const clash = this.store.findClash(p, finalName, node.id);
        if (clash) throw nameConflict(finalName, p, clash.id);
      }
    }
    if (name === undefined && parents === undefined && labels === undefined && !('description' in body)) return node;
    return this.store.change(node, (n) => {
      if (name !== undefined) n.name = name;
      if (parents !== undefined) {
        n.parents = parents;
        n.visibleAt = this.lagged();
      }
      if (labels !== undefined) n.labels = labels;
      if ('description' in body) {
        if (body['description'] === null) delete n.description;
        else n.description = String(body['description']);
      }
    });
  }

  move(newParentId: string, body: Record<string, unknown>): StoredNode {
    const fromParent = body['fromParent'];
    const childId = body['childId'];
    if (typeof fromParent !== 'string' || typeof childId !== 'string') throw badRequest('fromParent and childId are required');
    const node = this.require(childId);
    if (node.isRoot) throw forbidden('The root folder cannot be moved');
    if (node.status === 'TRASH') throw badRequest(`Node ${childId} is in trash and cannot be moved`);
    if (!node.parents.includes(fromParent)) throw badRequest(`Node ${fromParent} is not a parent of ${childId}`);
    this.requireParentFor(node, newParentId);
    if (newParentId === fromParent) return node;
    if (node.name !== undefined) {
      const clash = this.store.findClash(newParentId, node.name, node.id);
      if (clash) throw nameConflict(node.name, newParentId, clash.id);
    }
    return this.store.change(node, (n) => {
      n.parents = [...new Set(n.parents.map((p) => (p === fromParent ? newParentId : p)))];
      n.visibleAt = this.lagged();
    });
  }

  /** PUT nodes/{parent}/children/{child}: allowed on trashed nodes, which clash with nothing. */
  addParent(parentId: string, childId: string): StoredNode {
    const node = this.require(childId);
    if (node.isRoot) throw forbidden('The root folder cannot have parents');
    this.requireParentFor(node, parentId);
    if (node.parents.includes(parentId)) return node;
    if (node.status === 'AVAILABLE' && node.name !== undefined) {
      const clash = this.store.findClash(parentId, node.name, node.id);
      if (clash) throw nameConflict(node.name, parentId, clash.id);
    }
    return this.store.change(node, (n) => {
      n.parents = [...n.parents, parentId];
      n.visibleAt = this.lagged();
    });
  }

  /** DELETE nodes/{parent}/children/{child}. Removing the last parent re-attaches the node to the root. */
  removeParent(parentId: string, childId: string): StoredNode {
    const node = this.require(childId);
    this.require(parentId);
    if (!node.parents.includes(parentId)) throw badRequest(`Node ${parentId} is not a parent of ${childId}`);
    const root = this.store.root.id;
    const rest = node.parents.filter((p) => p !== parentId);
    if (rest.length === 0 && node.status === 'AVAILABLE' && node.name !== undefined && parentId !== root) {
      const clash = this.store.findClash(root, node.name, node.id);
      if (clash) throw nameConflict(node.name, root, clash.id);
    }
    return this.store.change(node, (n) => {
      n.parents = rest.length ? rest : [root];
    });
  }

  /** Trashes a node; AVAILABLE descendants reachable only through it go with it. */
  trash(id: string): StoredNode {
    const node = this.require(id);
    if (node.isRoot) throw forbidden('The root folder cannot be trashed');
    if (node.status === 'TRASH') return node;
    const cascade = this.descendantsOnlyUnder(node);
    this.store.change(node, (n) => {
      n.status = 'TRASH';
      delete n.trashedWith;
    });
    for (const d of cascade) {
      this.store.change(d, (n) => {
        n.status = 'TRASH';
        n.trashedWith = id;
      });
    }
    return node;
  }

  restore(id: string): StoredNode {
    const node = this.require(id);
    if (node.status !== 'TRASH') return node;
    if (node.name !== undefined) {
      for (const p of node.parents) {
        const clash = this.store.findClash(p, node.name, node.id);
        if (clash) throw nameConflict(node.name, p, clash.id);
      }
    }
    this.store.change(node, (n) => {
      n.status = 'AVAILABLE';
      delete n.trashedWith;
      n.visibleAt = this.lagged();
    });
    for (const d of [...this.store.all()]) {
      if (d.trashedWith === id && d.status === 'TRASH') {
        this.store.change(d, (n) => {
          n.status = 'AVAILABLE';
          delete n.trashedWith;
        });
      }
    }
    return node;
  }

  /** Purges every trashed node (what Amazon did after 30 days); the changes feed reports them PURGED. */
  purgeTrash(): number {
    let n = 0;
    for (const node of [...this.store.all()]) {
      if (node.status !== 'TRASH') continue;
      const blob = node.content?.blob;
      this.store.change(node, (x) => {
        x.status = 'PURGED';
      });
      if (blob) this.blobs.retire(blob);
      n++;
    }
    return n;
  }

  private baseFields(spec: NewNodeSpec, createdBy: string): Pick<StoredNode, 'name' | 'parents' | 'labels' | 'createdBy'> &
    Partial<Pick<StoredNode, 'localId' | 'description'>> {
    const fields: Pick<StoredNode, 'name' | 'parents' | 'labels' | 'createdBy'> & Partial<Pick<StoredNode, 'localId' | 'description'>> = {
      name: spec.name,
      parents: spec.parents,
      labels: spec.labels,
      createdBy,
    };
    if (spec.localId !== undefined) fields.localId = spec.localId;
    if (spec.description !== undefined) fields.description = spec.description;
    return fields;
  }

  private requireFolder(id: string): StoredNode {
    const parent = this.store.get(id);
    if (!parent) throw notFound(`Parent node ${id} does not exist`);
    if (parent.kind !== 'FOLDER') throw badRequest(`Parent node ${id} is not a FOLDER`);
    if (parent.status !== 'AVAILABLE') throw badRequest(`Parent node ${id} is not AVAILABLE`);
    return parent;
  }

  /** A folder that may become a parent of `node` without making a cycle. */
  private requireParentFor(node: StoredNode, parentId: string): void {
    const parent = this.store.get(parentId);
    if (!parent) throw notFound(`Parent node ${parentId} does not exist`);
    if (parent.kind !== 'FOLDER') throw badRequest(`Parent node ${parentId} is not a FOLDER`);
    if (this.store.isSelfOrAncestor(node.id, parentId)) throw badRequest(`Node ${node.id} cannot be placed inside itself`);
  }

  private descendantsOnlyUnder(top: StoredNode): StoredNode[] {
    const inSet = new Set<string>([top.id]);
    const order: StoredNode[] = [];
    const queue = [top];
    while (queue.length) {
      const cur = queue.shift()!;
      for (const child of this.store.childrenOf(cur.id)) {
        if (inSet.has(child.id) || child.status !== 'AVAILABLE') continue;
        inSet.add(child.id);
        order.push(child);
        queue.push(child);
      }
    }
    // A node that also lives under a folder outside the subtree stays visible there (and so do its children).
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of order) {
        if (!inSet.has(n.id)) continue;
        if (n.parents.some((p) => !inSet.has(p) && this.store.get(p)?.status === 'AVAILABLE')) {
          inSet.delete(n.id);
          changed = true;
        }
      }
    }
    return order.filter((n) => inSet.has(n.id));
  }

  private lagged(): number | undefined {
    const lag = this.listingLagMs();
    return lag > 0 ? this.now() + lag : undefined;
  }
}

export function validName(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) throw badRequest('name must be a non-empty string');
  if (raw.includes('/')) throw badRequest(`Invalid name "${raw}": names cannot contain "/"`);
  if (raw.includes('\0')) throw badRequest('Invalid name: names cannot contain NUL');
  if (raw === '.' || raw === '..') throw badRequest(`Invalid name "${raw}"`);
  if (raw.length > MAX_NAME_CHARS) throw badRequest(`name longer than ${MAX_NAME_CHARS} characters`);
  return raw;
}

function validLabels(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((l) => typeof l !== 'string')) throw badRequest('labels must be an array of strings');
  return raw as string[];
}

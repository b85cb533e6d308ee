export type NodeKind = 'FILE' | 'FOLDER' | 'ASSET';
export type NodeStatus = 'AVAILABLE' | 'TRASH' | 'PURGED' | 'PENDING';

export interface StoredContent {
  size: number;
  md5: string;
  contentType: string;
  /** Content version: 1 on upload, +1 on each overwrite. */
  version: number;
  contentDate: number;
  /** Key of the bytes in the blob store. */
  blob: string;
}

/** A node as persisted. Dates are epoch ms; node-json.ts renders the wire shape. */
export interface StoredNode {
  id: string;
  name?: string;
  kind: NodeKind;
  parents: string[];
  status: NodeStatus;
  isRoot?: boolean;
  createdDate: number;
  modifiedDate: number;
  version: number;
  createdBy: string;
  labels: string[];
  description?: string;
  localId?: string;
  content?: StoredContent;
  /** Creation order: the stable sort key that paging resumes from. */
  seq: number;
  /** Sequence number of the last change, for the changes feed. */
  changeSeq: number;
  /** Listings leave the node out until this time (ghost uploads, listing lag). */
  visibleAt?: number;
  /** Set on descendants trashed because this folder was; restoring the folder brings them back. */
  trashedWith?: string;
}

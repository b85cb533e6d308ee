/** A node as the Drive API returns it; only the fields rsyncish reads. */
export interface AcdNode {
  id: string;
  name?: string | null;
  kind: 'FILE' | 'FOLDER' | 'ASSET' | string;
  status: 'AVAILABLE' | 'TRASH' | 'PURGED' | 'PENDING' | string;
  parents: string[];
  modifiedDate?: string;
  createdDate?: string;
  isRoot?: boolean;
  contentProperties?: {
    size?: number;
    md5?: string;
    contentType?: string;
  };
  tempLink?: string;
}

export interface AcdNodeList {
  count?: number;
  nextToken?: string;
  data?: AcdNode[];
}

export interface AcdEndpoints {
  metadataUrl: string;
  contentUrl: string;
}

/** The 409 body: `info.nodeId` names the node already holding the name. */
export interface AcdConflictBody {
  code?: string;
  message?: string;
  info?: { nodeId?: string };
}

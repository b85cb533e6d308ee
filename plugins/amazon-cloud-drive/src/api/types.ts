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

/** `GET account/quota`. */
export interface AcdQuota {
  quota?: number;
  available?: number;
  lastCalculated?: string;
}

/** One category of `GET account/usage`: `total` counts everything stored, trash included. */
export interface AcdUsageCategory {
  total?: { bytes?: number; count?: number };
  billable?: { bytes?: number; count?: number };
}

/** `GET account/usage`: doc, photo, video and other, each an AcdUsageCategory. */
export type AcdUsage = { lastCalculated?: string } & Record<string, AcdUsageCategory | string | undefined>;

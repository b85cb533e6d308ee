import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from './faults.js';
import type { BatchJobs } from './batch-jobs.js';
import type { UploadSessions } from './upload-sessions.js';
import type { BlobStore } from './store/blobs.js';
import type { Tree } from './store/tree.js';
import type { TokenStore } from './tokens.js';

export interface OAuthSettings {
  clientId?: string;
  clientSecret?: string;
  autoApprove: boolean;
  tokenTtlMs: number;
}

/** The one account every authorized client acts as. */
export interface Account {
  accountId: string;
  uid: string;
  namespaceId: string;
}

/** Everything a route handler may use. */
export interface App {
  tree: Tree;
  blobs: BlobStore;
  tokens: TokenStore;
  faults: FaultInjector;
  sessions: UploadSessions;
  jobs: BatchJobs;
  oauth: OAuthSettings;
  account: Account;
  now: () => number;
  /** Resolves once every change made so far is on disk; called before a write is answered. */
  commit: () => Promise<void>;
}

export interface RequestContext {
  app: App;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The route as Dropbox names it: `files/list_folder`. */
  route: string;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuthSettings } from '@rsyncish/emulator-kit';
import type { RequestLog } from '@rsyncish/emulator-kit';
import type { Drive } from './drive.js';
import type { FaultInjector } from './faults.js';
import type { PageTokens } from './paging.js';
import type { ResumableSessions } from './resumable.js';
import type { BlobStore } from './store/blob-store.js';
import type { TokenStore } from './tokens.js';

/** The parts of one running emulator that request handlers use. */
export interface App {
  drive: Drive;
  blobs: BlobStore;
  tokens: TokenStore;
  faults: FaultInjector;
  pages: PageTokens;
  sessions: ResumableSessions;
  requests: RequestLog;
  oauth: OAuthSettings;
  /** `http://host:port` of the bound socket, used when a request has no usable Host header. */
  boundOrigin: string;
  now: () => number;
  /** Resolves once every change made so far is on disk; replies that acknowledge a change wait for it. */
  commit: () => Promise<void>;
}

export interface RequestContext {
  app: App;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded path parameters of the matched route, in order. */
  params: string[];
  /** `http://host:port` as the client addressed this server. */
  origin: string;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Journal, parseDuration, StateFile } from '@rsyncish/acd-emulator';
import { BatchJobs } from './batch-jobs.js';
import type { Account, App, OAuthSettings } from './context.js';
import { EmulatorControl } from './control.js';
import { DEFAULT_FAULTS, FaultInjector, parseFaultPatch } from './faults.js';
import type { FaultPatch, FaultSettings } from './faults.js';
import { createRouter } from './router.js';
import { allRoutes } from './routes.js';
import { BlobStore } from './store/blobs.js';
import { Tree } from './store/tree.js';
import type { TreeChange, TreeSnapshot } from './store/tree.js';
import { TokenStore } from './tokens.js';
import type { TokenSnapshot } from './tokens.js';
import { UploadSessions } from './upload-sessions.js';

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Persistent storage. Without it a temp dir is used and removed by stop(). */
  dataDir?: string;
  /** When given, only this client id (and secret, if given) may authorize and get tokens. */
  clientId?: string;
  clientSecret?: string;
  /** Authorize redirects back with a code at once instead of showing the consent page. */
  autoApprove?: boolean;
  /** Access token lifetime: a duration string ("4h", "5s") or milliseconds. Default 4h. */
  tokenTtl?: string | number;
  faults?: FaultPatch;
  /** Called with one line per request (the CLI's -v). */
  log?: (line: string) => void;
  /** Delay before a snapshot replaces the journal. Default 1 s. */
  saveDebounceMs?: number;
}

export interface Emulator {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly control: EmulatorControl;
  /** Writes a snapshot now. */
  flush(): Promise<void>;
  /** Stops listening, closes connections, saves, removes the temp data dir if one was made. */
  stop(): Promise<void>;
}

interface SavedState {
  format: 1;
  tree: TreeSnapshot;
  tokens: TokenSnapshot;
}

/** One journal line: the tree's changes since the line before, and the tokens when they changed. */
interface SavedChange {
  tree?: TreeChange;
  tokens?: TokenSnapshot;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise(server.address() as AddressInfo);
    });
  });
}

/** Stable per data folder, so a restarted emulator is the same account. */
function accountFor(dataDir: string): Account {
  const h = createHash('sha256').update(dataDir).digest();
  return {
    accountId: `dbid:${h.subarray(0, 30).toString('base64url').slice(0, 40)}`,
    uid: String(h.readUInt32BE(0)),
    namespaceId: String(h.readUInt32BE(4)),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const now = (): number => Date.now();
  const persistent = options.dataDir !== undefined;
  const dataDir = persistent ? resolve(options.dataDir!) : await mkdtemp(join(tmpdir(), 'dropbox-emulator-'));
  await mkdir(dataDir, { recursive: true });

  const faults = new FaultInjector({ ...structuredClone(DEFAULT_FAULTS), ...parseFaultPatch((options.faults ?? {}) as Record<string, unknown>) } as FaultSettings, now);
  const blobs = new BlobStore(dataDir);
  await blobs.init();

  let tokensChanged = false;
  // The state file reads the tree and tokens lazily, so they can be built after it.
  let snapshot: () => SavedState = () => { throw new Error('not ready'); };
  let takeRecord: () => SavedChange | undefined = () => undefined;
  const stateFile = new StateFile<SavedState, SavedChange>(
    join(dataDir, 'state.json'), () => snapshot(), new Journal(join(dataDir, 'journal.jsonl')), () => takeRecord(),
    options.saveDebounceMs ?? 1000,
  );
  const tree = new Tree(() => stateFile.markDirty());
  const tokens = new TokenStore(() => {
    tokensChanged = true;
    stateFile.markDirty();
  }, now);
  snapshot = () => ({ format: 1, tree: tree.snapshot(), tokens: tokens.snapshot() });
  takeRecord = () => {
    const change = tree.takeChange();
    if (!change && !tokensChanged) return undefined;
    const record: SavedChange = { ...(change ? { tree: change } : {}), ...(tokensChanged ? { tokens: tokens.snapshot() } : {}) };
    tokensChanged = false;
    return record;
  };

  const { snapshot: saved, records } = await stateFile.load();
  if (saved !== undefined && saved.format !== 1) throw new Error(`unsupported state format in ${dataDir}`);
  tree.load(saved?.tree, records.flatMap((r) => (r.tree ? [r.tree] : [])));
  let savedTokens = saved?.tokens;
  for (const r of records) savedTokens = r.tokens ?? savedTokens;
  tokens.load(savedTokens);
  const referenced = new Set<string>();
  for (const e of tree.all()) if (e.file) referenced.add(e.file.contentHash);
  await blobs.sweep(referenced);
  if (!saved || records.length > 0) stateFile.markDirty();

  const oauth: OAuthSettings = {
    autoApprove: options.autoApprove ?? false,
    tokenTtlMs: options.tokenTtl !== undefined ? parseDuration(options.tokenTtl) : 4 * 3_600_000,
  };
  if (options.clientId !== undefined) oauth.clientId = options.clientId;
  if (options.clientSecret !== undefined) oauth.clientSecret = options.clientSecret;

  const app: App = {
    tree,
    blobs,
    tokens,
    faults,
    sessions: new UploadSessions(blobs.sessionDir, () => faults.settings.maxFileSize),
    jobs: new BatchJobs(),
    oauth,
    account: accountFor(dataDir),
    now,
    commit: () => stateFile.commit(),
  };
  const control = new EmulatorControl(app);
  const flush = (): Promise<void> => stateFile.flush();
  const handle = createRouter(app, allRoutes(control, flush), options.log);

  const server = createServer({ requestTimeout: 0, keepAliveTimeout: 5000 }, (req, res) => {
    void handle(req, res);
  });
  server.on('clientError', (_err: Error, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 22\r\nConnection: close\r\n\r\nMalformed HTTP request');
  });

  const address = await listen(server, options.port ?? 0, host);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    host: address.address,
    port: address.port,
    dataDir,
    control,
    flush,
    stop(): Promise<void> {
      stopping ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        // In-flight requests get a moment to finish, then their sockets are cut.
        const cut = setTimeout(() => server.closeAllConnections(), 1000);
        await closed;
        clearTimeout(cut);
        await flush();
        if (!persistent) await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

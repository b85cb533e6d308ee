import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EmulatorBaseOptions } from '@rsyncish/emulator-kit';
import { Api } from './api.js';
import { GcsError, sendError, sendJson } from './errors.js';
import { FaultInjector, parseFaultPatch, type EmulatorStats, type FaultPatch, type FaultSettings } from './faults.js';
import { readJson } from './http-io.js';
import { OAuthServer, TOKEN_PATHS } from './oauth.js';
import { Store } from './store.js';
import { TokenStore } from './tokens.js';
import { parseDuration } from './units.js';

/** The shared start options, less the save delay: this store has none to set. */
export interface GcsEmulatorOptions extends Omit<EmulatorBaseOptions, 'saveDebounceMs'> {
  /** Refuse requests without a bearer token (default: allowed, as a public bucket would be). */
  requireAuth?: boolean;
  /** The project number buckets are made in. Default 123456789012. */
  projectNumber?: string;
  /** Service accounts to trust: JSON key files (client_email + private_key) or {client_email, public_key}. */
  serviceAccounts?: unknown[];
  faults?: FaultPatch;
}

export interface GcsEmulator {
  /** `http://HOST:PORT` */
  readonly url: string;
  /** The `endpoint` a client points at: `URL/storage/v1/`. */
  readonly endpoint: string;
  readonly tokenUrl: string;
  readonly authUrl: string;
  readonly projectNumber: string;
  readonly dataDir: string;
  readonly faults: FaultInjector;
  stats(): EmulatorStats;
  addServiceAccount(json: unknown): void;
  setFaults(patch: FaultPatch): FaultSettings;
  stop(): Promise<void>;
}

export const DEFAULT_PROJECT_NUMBER = '123456789012';

/**
 * Start the emulator: the GCS JSON API (buckets, objects, uploads, downloads,
 * copy and rewrite), Google's OAuth and token endpoints, and /_emulator/*
 * for tests, all on one port.
 */
export async function startGcsEmulator(options: GcsEmulatorOptions = {}): Promise<GcsEmulator> {
  const host = options.host ?? '127.0.0.1';
  const ownDir = options.dataDir === undefined;
  const dataDir = ownDir ? await mkdtemp(join(tmpdir(), 'gcs-emulator-')) : resolve(options.dataDir!);
  const store = new Store(dataDir, !ownDir);
  await store.open();
  const faults = new FaultInjector(parseFaultPatch(options.faults ?? {}));
  const tokens = new TokenStore(options.tokenTtl === undefined ? 3_600_000 : parseDuration(options.tokenTtl));
  const oauth = new OAuthServer({ clientId: options.clientId, clientSecret: options.clientSecret, autoApprove: options.autoApprove ?? false }, tokens);
  for (const account of options.serviceAccounts ?? []) oauth.addServiceAccount(account);
  const projectNumber = options.projectNumber ?? DEFAULT_PROJECT_NUMBER;
  const api = new Api(store, faults, projectNumber);
  const log = options.log;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const url = new URL(req.url ?? '/', 'http://emulator');
    const base = `${headerText(req.headers['x-forwarded-proto']) ?? 'http'}://${req.headers.host ?? `${host}`}`;
    if (rawPath.startsWith('/_emulator/')) return control(req, res, rawPath);
    if (await oauth.handle(req, res, url)) return;
    const fault = faults.beforeApi();
    if (fault) {
      req.resume();
      throw fault;
    }
    checkAuth(req, tokens, options.requireAuth ?? false);
    if (await api.handle(req, res, url, rawPath, base)) return;
    req.resume();
    throw new GcsError(404, 'notFound', `Not Found: ${req.method} ${rawPath}`);
  };

  const stats = (): EmulatorStats => ({ ...faults.stats, tokensIssued: tokens.issued });
  const control = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === '/_emulator/faults') {
      if (req.method === 'POST') faults.apply(parseFaultPatch((await readJson<FaultPatch>(req)) ?? {}));
      return sendJson(res, 200, faults.settings);
    }
    if (path === '/_emulator/stats' && req.method === 'GET') return sendJson(res, 200, stats());
    if (path === '/_emulator/service-accounts' && req.method === 'POST') {
      try {
        const account = oauth.addServiceAccount(await readJson(req));
        return sendJson(res, 200, { client_email: account.email });
      } catch (err) {
        throw new GcsError(400, 'invalid', (err as Error).message);
      }
    }
    if (path === '/_emulator/expire-tokens' && req.method === 'POST') {
      req.resume();
      tokens.expireAll();
      return sendJson(res, 200, {});
    }
    req.resume();
    throw new GcsError(404, 'notFound', `No control endpoint ${req.method} ${path}`);
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const started = Date.now();
    if (log) res.on('finish', () => log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    handle(req, res).catch((err: unknown) => {
      if (err instanceof GcsError) {
        // The rest of an upload the error cut short is read and dropped, so the client sees the answer, not a reset.
        if (!req.readableEnded) req.resume();
        sendError(res, err);
        return;
      }
      log?.(`error: ${(err as Error).stack ?? String(err)}`);
      sendError(res, new GcsError(500, 'backendError', `Internal error: ${(err as Error).message}`));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    endpoint: `${url}/storage/v1/`,
    tokenUrl: `${url}${TOKEN_PATHS[0]}`,
    authUrl: `${url}/o/oauth2/auth`,
    projectNumber,
    dataDir,
    faults,
    stats,
    addServiceAccount: (json) => void oauth.addServiceAccount(json),
    setFaults: (patch) => faults.apply(patch),
    async stop() {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      });
      await store.flush();
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bearer token must be one this emulator issued and still valid; none at all is refused only with requireAuth. */
function checkAuth(req: IncomingMessage, tokens: TokenStore, requireAuth: boolean): void {
  const auth = req.headers.authorization;
  if (auth === undefined) {
    if (requireAuth) {
      throw new GcsError(401, 'required', 'Anonymous caller does not have storage.objects access to this bucket.', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
    }
    return;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(auth);
  if (!m || !tokens.isValid(m[1]!)) {
    throw new GcsError(401, 'authError', 'Invalid Credentials', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });
  }
}

function headerText(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A service-account key file or public key JSON read from disk, for --service-account. */
export async function readServiceAccountFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RangeError(`--service-account ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RangeError(`--service-account ${path}: not JSON; give a key file ({"client_email","private_key"}) or {"client_email","public_key"}`);
  }
}

import { FaultControls, parseDuration } from '@rsyncish/emulator-kit';
import type { LoggedRequest } from '@rsyncish/emulator-kit';
import type { App, RequestContext } from './context.js';
import { badRequest } from './errors.js';
import { parseFaultPatch, parseInjectedFault } from './faults.js';
import type { FaultSettings, InjectedFault } from './faults.js';
import { fileJson } from './file-json.js';
import { exportFormatsOf } from './formats.js';
import { readJsonObject, sendJson } from './http-io.js';
import { rfc3339 } from './ids.js';
import { FOLDER_MIME, GOOGLE_APPS_PREFIX } from './store/file.js';
import type { TokenReply } from './tokens.js';

export interface PlantOptions {
  /** Defaults to the root. */
  parentId?: string;
  name: string;
  /** Any MIME type, Google Docs types (application/vnd.google-apps.document, ...) included. */
  mimeType?: string;
  /** File content; for a Google Doc, what every export format answers unless `exports` says otherwise. */
  content?: string | Buffer;
  /** Google Docs only: export MIME type -> bytes. Defaults to every format of the type, each answering `content`. */
  exports?: Record<string, string | Buffer>;
  modifiedTime?: string;
  trashed?: boolean;
}

export interface IssuedToken extends TokenReply {
  refresh_token: string;
  /** RFC 3339, as rclone stores it in its config. */
  expiry: string;
}

/** Fault settings as the control endpoint accepts them: sizes may be strings ("10G"). */
export type FaultPatch = { [K in keyof FaultSettings]?: FaultSettings[K] | string };

/** Test hooks, in-process (emu.control) and over HTTP (/_emulator/...), neither needing an OAuth token. */
export class EmulatorControl extends FaultControls<FaultSettings, FaultPatch> {
  constructor(private readonly app: App) {
    super(app.faults, parseFaultPatch);
  }

  /** The next `count` (default 1) requests matching method/path get `status` (403, 429, 500, 502, 503, 504). */
  inject(fault: InjectedFault): void {
    this.app.faults.inject(parseInjectedFault(fault as unknown as Record<string, unknown>));
  }

  /** Puts a file straight into the drive, Google Docs included (the API cannot make those). */
  async plantFile(opts: PlantOptions): Promise<Record<string, unknown>> {
    const { drive, blobs } = this.app;
    if (typeof opts.name !== 'string') throw badRequest('name is required');
    const parent = drive.require(opts.parentId ?? 'root');
    const mimeType = opts.mimeType ?? 'application/octet-stream';
    const modified = opts.modifiedTime !== undefined ? Date.parse(opts.modifiedTime) : this.app.now();
    if (Number.isNaN(modified)) throw badRequest('modifiedTime must be RFC 3339');
    const toBuffer = (v: string | Buffer | undefined): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(v ?? '', 'utf8'));
    const base = {
      name: opts.name, mimeType, parents: [parent.id], trashed: false, explicitlyTrashed: false, starred: false,
      createdTime: modified, modifiedTime: modified,
    };
    let file;
    if (mimeType === FOLDER_MIME) {
      file = drive.store.add(base);
    } else if (mimeType.startsWith(GOOGLE_APPS_PREFIX)) {
      const formats = opts.exports ? Object.keys(opts.exports) : exportFormatsOf(mimeType);
      const exports: Record<string, string> = {};
      const shared = opts.exports ? undefined : (await blobs.writeBuffer(toBuffer(opts.content))).blob;
      for (const mime of formats) exports[mime] = shared ?? (await blobs.writeBuffer(toBuffer(opts.exports![mime]))).blob;
      file = drive.store.add({ ...base, exports });
    } else {
      const w = await blobs.writeBuffer(toBuffer(opts.content));
      file = drive.store.add({ ...base, originalFilename: opts.name, content: { size: w.size, md5: w.md5, sha1: w.sha1, sha256: w.sha256, blob: w.blob } });
    }
    if (opts.trashed) drive.setTrashed(file, true);
    return fileJson(file, this.app.boundOrigin);
  }

  /** Every file, in Drive's shape, trashed ones included. */
  files(): Record<string, unknown>[] {
    return [...this.app.drive.store.all()].map((f) => fileJson(f, this.app.boundOrigin));
  }

  /** A token set without the browser dance, e.g. for a client config. */
  issueToken(opts: { ttl?: string | number; clientId?: string; scope?: string } = {}): IssuedToken {
    const ttlMs = opts.ttl !== undefined ? parseDuration(opts.ttl) : this.app.oauth.tokenTtlMs;
    const reply = this.app.tokens.issue(
      opts.clientId ?? this.app.oauth.clientId ?? 'drive-emulator-control',
      opts.scope ?? 'https://www.googleapis.com/auth/drive',
      ttlMs,
      true,
    );
    return { ...reply, refresh_token: reply.refresh_token!, expiry: rfc3339(this.app.now() + ttlMs) };
  }

  revokeRefreshTokens(refreshToken?: string): number {
    return this.app.tokens.revokeRefresh(refreshToken);
  }

  expireAccessTokens(accessToken?: string): number {
    return this.app.tokens.expireAccess(accessToken);
  }

  /** How many resumable sessions are open. */
  openUploads(): number {
    return this.app.sessions.open;
  }

  requests(): LoggedRequest[] {
    return this.app.requests.list();
  }

  clearRequests(): void {
    this.app.requests.clear();
  }
}

const optString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

function rangeErrorsAsBadRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof RangeError) throw badRequest(err.message);
    throw err;
  }
}

/** HTTP face of EmulatorControl under /_emulator/. */
export function controlRoutes(control: EmulatorControl, flush: () => Promise<void>) {
  return {
    getFaults: (ctx: RequestContext): void =>
      sendJson(ctx.res, 200, { ...control.getFaults(), pendingInjections: ctx.app.faults.pendingInjections() }),
    setFaults: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, rangeErrorsAsBadRequest(() => control.setFaults(body as FaultPatch)));
    },
    resetFaults: (ctx: RequestContext): void => sendJson(ctx.res, 200, control.resetFaults()),
    inject: async (ctx: RequestContext): Promise<void> => {
      control.inject((await readJsonObject(ctx.req)) as unknown as InjectedFault);
      sendJson(ctx.res, 200, { pendingInjections: ctx.app.faults.pendingInjections() });
    },
    files: (ctx: RequestContext): void => sendJson(ctx.res, 200, { files: control.files() }),
    plant: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      const content = typeof body['contentBase64'] === 'string' ? Buffer.from(body['contentBase64'], 'base64') : optString(body['content']);
      const opts: PlantOptions = { name: body['name'] as string, ...(content !== undefined ? { content } : {}) };
      if (body['parentId'] !== undefined) opts.parentId = String(body['parentId']);
      if (body['mimeType'] !== undefined) opts.mimeType = String(body['mimeType']);
      if (body['modifiedTime'] !== undefined) opts.modifiedTime = String(body['modifiedTime']);
      if (body['trashed'] === true) opts.trashed = true;
      if (body['exports'] !== undefined) {
        if (body['exports'] === null || typeof body['exports'] !== 'object') throw badRequest('exports must map MIME types to content');
        opts.exports = Object.fromEntries(Object.entries(body['exports'] as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
      }
      sendJson(ctx.res, 201, await control.plantFile(opts));
    },
    issueToken: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, rangeErrorsAsBadRequest(() =>
        control.issueToken({ ttl: body['ttl'] as string | number | undefined, clientId: optString(body['clientId']), scope: optString(body['scope']) })));
    },
    revoke: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, { revoked: control.revokeRefreshTokens(optString(body['refreshToken'])) });
    },
    expireTokens: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, { expired: control.expireAccessTokens(optString(body['accessToken'])) });
    },
    uploads: (ctx: RequestContext): void => sendJson(ctx.res, 200, { open: control.openUploads() }),
    requests: (ctx: RequestContext): void => sendJson(ctx.res, 200, { requests: control.requests() }),
    clearRequests: (ctx: RequestContext): void => {
      control.clearRequests();
      sendJson(ctx.res, 200, { cleared: true });
    },
    flush: async (ctx: RequestContext): Promise<void> => {
      await flush();
      sendJson(ctx.res, 200, { flushed: true });
    },
  };
}

import { FaultControls, parseDuration } from '@rsyncish/emulator-kit';
import type { LoggedRequest } from '@rsyncish/emulator-kit';
import type { App, RequestContext } from './context.js';
import { badRequest } from './errors.js';
import { parseFaultPatch, parseInjectedFault } from './faults.js';
import type { FaultSettings, InjectedFault } from './faults.js';
import { readJsonObject, sendJson } from './http-io.js';
import { isoDate } from './ids.js';
import { nodeJson } from './node-json.js';
import type { NodeJson } from './node-json.js';
import type { NodeKind, NodeStatus } from './store/node.js';
import type { TokenReply } from './tokens.js';

export interface PlantOptions {
  /** Defaults to the root. */
  parentId?: string;
  /** Any raw name at all: `..`, `a/b`, `` — no validation, no clash check. */
  name: string;
  kind?: 'FILE' | 'FOLDER';
  /** File content (FILE only); defaults to empty. */
  content?: string | Buffer;
  status?: NodeStatus;
}

export interface IssuedToken extends TokenReply {
  /** RFC 3339, as rclone stores it in its config. */
  expiry: string;
}

/** Fault settings as the control endpoint accepts them: durations and sizes may be strings ("2s", "10G"). */
export type FaultPatch = { [K in keyof FaultSettings]?: FaultSettings[K] | string } & {
  ghostUploadDelay?: string | number;
  listingLag?: string | number;
  nextTokenTtl?: string | number;
  tempLinkTtl?: string | number;
};

/** Test hooks, in-process (emu.control) and over HTTP (/_emulator/...), neither needing an OAuth token. */
export class EmulatorControl extends FaultControls<FaultSettings, FaultPatch> {
  constructor(private readonly app: App) {
    super(app.faults, parseFaultPatch);
  }

  /** The next `count` (default 1) requests matching method/path get `status` (403, 408, 429, 500, 502, 503, 504). */
  inject(fault: InjectedFault): void {
    this.app.faults.inject(parseInjectedFault(fault as unknown as Record<string, unknown>));
  }

  async plantNode(opts: PlantOptions): Promise<NodeJson> {
    const { app } = this;
    const parentId = opts.parentId ?? app.store.root.id;
    app.drive.require(parentId);
    if (typeof opts.name !== 'string') throw badRequest('name is required');
    const kind: NodeKind = opts.kind ?? 'FILE';
    if (kind !== 'FILE' && kind !== 'FOLDER') throw badRequest('kind must be FILE or FOLDER');
    const base = { name: opts.name, parents: [parentId], status: opts.status ?? 'AVAILABLE', createdBy: 'acd-emulator-control', labels: [] };
    if (kind === 'FOLDER') return nodeJson(app.store.add({ ...base, kind }));
    const data = Buffer.isBuffer(opts.content) ? opts.content : Buffer.from(opts.content ?? '', 'utf8');
    const written = await app.blobs.writeBuffer(data);
    const now = app.now();
    const node = app.store.add({
      ...base,
      kind,
      content: { size: written.size, md5: written.md5, contentType: 'application/octet-stream', version: 1, contentDate: now, blob: written.blob },
    });
    return nodeJson(node);
  }

  /** Every node, hidden ones included (a node still hidden from listings carries `_visibleAt`). */
  nodes(status?: NodeStatus): NodeJson[] {
    const out: NodeJson[] = [];
    for (const node of this.app.store.all()) {
      if (status !== undefined && node.status !== status) continue;
      const extra = node.visibleAt !== undefined && node.visibleAt > this.app.now() ? { _visibleAt: isoDate(node.visibleAt) } : {};
      out.push(nodeJson(node, extra));
    }
    return out;
  }

  trash(): NodeJson[] {
    return this.nodes('TRASH');
  }

  /** A token set without the browser dance, e.g. for a client config. */
  issueToken(opts: { ttl?: string | number; clientId?: string } = {}): IssuedToken {
    const ttlMs = opts.ttl !== undefined ? parseDuration(opts.ttl) : this.app.oauth.tokenTtlMs;
    const reply = this.app.tokens.issue(opts.clientId ?? this.app.oauth.clientId ?? 'acd-emulator-control', ttlMs);
    return { ...reply, expiry: isoDate(this.app.now() + ttlMs) };
  }

  /** Revokes one refresh token, or all; the next refresh answers 400 invalid_grant. */
  revokeRefreshTokens(refreshToken?: string): number {
    return this.app.tokens.revokeRefresh(refreshToken);
  }

  /** Makes access tokens expired now; the next API call answers 401. */
  expireAccessTokens(accessToken?: string): number {
    return this.app.tokens.expireAccess(accessToken);
  }

  expireTempLinks(): number {
    return this.app.tempLinks.expireAll();
  }

  /** Purges all trashed nodes, as Amazon did after 30 days; the changes feed reports them PURGED. */
  purgeTrash(): number {
    return this.app.drive.purgeTrash();
  }

  requests(): LoggedRequest[] {
    return this.app.requests.list();
  }

  clearRequests(): void {
    this.app.requests.clear();
  }
}

const optString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

/** HTTP face of EmulatorControl under /_emulator/. */
export function controlRoutes(control: EmulatorControl, flush: () => Promise<void>) {
  return {
    getFaults: (ctx: RequestContext): void =>
      sendJson(ctx.res, 200, { ...control.getFaults(), pendingInjections: ctx.app.faults.pendingInjections() }),
    setFaults: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      try {
        sendJson(ctx.res, 200, control.setFaults(body as FaultPatch));
      } catch (err) {
        if (err instanceof RangeError) throw badRequest(err.message);
        throw err;
      }
    },
    resetFaults: (ctx: RequestContext): void => sendJson(ctx.res, 200, control.resetFaults()),
    inject: async (ctx: RequestContext): Promise<void> => {
      control.inject((await readJsonObject(ctx.req)) as unknown as InjectedFault);
      sendJson(ctx.res, 200, { pendingInjections: ctx.app.faults.pendingInjections() });
    },
    nodes: (ctx: RequestContext): void => {
      const status = ctx.url.searchParams.get('status') ?? undefined;
      sendJson(ctx.res, 200, { nodes: control.nodes(status as NodeStatus | undefined) });
    },
    plant: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      const content = typeof body['contentBase64'] === 'string' ? Buffer.from(body['contentBase64'], 'base64') : optString(body['content']);
      const opts: PlantOptions = { name: body['name'] as string, content };
      if (body['parentId'] !== undefined) opts.parentId = String(body['parentId']);
      if (body['kind'] !== undefined) opts.kind = body['kind'] as 'FILE' | 'FOLDER';
      if (body['status'] !== undefined) opts.status = body['status'] as NodeStatus;
      sendJson(ctx.res, 201, await control.plantNode(opts));
    },
    issueToken: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      try {
        sendJson(ctx.res, 200, control.issueToken({ ttl: body['ttl'] as string | number | undefined, clientId: optString(body['clientId']) }));
      } catch (err) {
        if (err instanceof RangeError) throw badRequest(err.message);
        throw err;
      }
    },
    revoke: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, { revoked: control.revokeRefreshTokens(optString(body['refreshToken'])) });
    },
    expireTokens: async (ctx: RequestContext): Promise<void> => {
      const body = await readJsonObject(ctx.req);
      sendJson(ctx.res, 200, { expired: control.expireAccessTokens(optString(body['accessToken'])) });
    },
    expireTempLinks: (ctx: RequestContext): void => sendJson(ctx.res, 200, { expired: control.expireTempLinks() }),
    purgeTrash: (ctx: RequestContext): void => sendJson(ctx.res, 200, { purged: control.purgeTrash() }),
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

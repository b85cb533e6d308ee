import { FaultControls, parseDuration } from '@rsyncish/emulator-kit';
import type { App, RequestContext } from './context.js';
import { DropboxError } from './errors.js';
import { parseFaultPatch, parseInjectedFault } from './faults.js';
import type { FaultPatch, FaultRequest, FaultSettings } from './faults.js';
import { readSmallBody, sendJson } from './http-io.js';
import { dropboxTime, taggedJson } from './metadata.js';
import type { TokenReply } from './tokens.js';

export interface IssuedToken extends TokenReply {
  /** RFC 3339, as rclone keeps it in its config. */
  expiry: string;
}

/** Test hooks, in-process (emu.control) and over HTTP (/_emulator/...), neither needing a token. */
export class EmulatorControl extends FaultControls<FaultSettings, FaultPatch> {
  constructor(private readonly app: App) {
    super(app.faults, parseFaultPatch);
  }

  /** The next `count` (default 1) API requests whose route contains `route` answer with `error`. */
  inject(fault: FaultRequest): void {
    this.app.faults.inject(parseInjectedFault({ ...fault }));
  }

  /** A token set (with a refresh token) without the browser dance, e.g. for a client config. */
  issueToken(opts: { ttl?: string | number; clientId?: string } = {}): IssuedToken {
    const ttlMs = opts.ttl !== undefined ? parseDuration(opts.ttl) : this.app.oauth.tokenTtlMs;
    const reply = this.app.tokens.issue(opts.clientId ?? this.app.oauth.clientId ?? 'dropbox-emulator-control', ttlMs, { pkce: false });
    return { ...reply, expiry: new Date(this.app.now() + ttlMs).toISOString() };
  }

  expireAccessTokens(accessToken?: string): number {
    return this.app.tokens.expireAccess(accessToken);
  }

  revokeRefreshTokens(refreshToken?: string): number {
    return this.app.tokens.revokeRefresh(refreshToken);
  }

  /** Every file and folder, as list_folder would show it. */
  entries(): Array<Record<string, unknown>> {
    return [...this.app.tree.all()].map(taggedJson);
  }
}

const optString = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));

async function readJson(ctx: RequestContext): Promise<Record<string, unknown>> {
  const text = (await readSmallBody(ctx.req)).toString('utf8').trim();
  if (text === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new DropboxError(400, { error: 'the body must be a JSON object' });
}

/** RangeErrors from the settings parsers are the caller's mistake: 400. */
function asBadRequest<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof RangeError) throw new DropboxError(400, { error: err.message });
    throw err;
  }
}

/** HTTP face of EmulatorControl under /_emulator/. */
export function controlRoutes(control: EmulatorControl, flush: () => Promise<void>) {
  return {
    'GET /_emulator/faults': (ctx: RequestContext): void =>
      sendJson(ctx.res, 200, { ...control.getFaults(), pendingInjections: ctx.app.faults.pendingInjections() }),
    'POST /_emulator/faults': async (ctx: RequestContext): Promise<void> => {
      const body = await readJson(ctx);
      sendJson(ctx.res, 200, asBadRequest(() => control.setFaults(body as FaultPatch)));
    },
    'POST /_emulator/faults/reset': (ctx: RequestContext): void => sendJson(ctx.res, 200, control.resetFaults()),
    'POST /_emulator/inject': async (ctx: RequestContext): Promise<void> => {
      const body = await readJson(ctx);
      asBadRequest(() => control.inject(body as unknown as FaultRequest));
      sendJson(ctx.res, 200, { pendingInjections: ctx.app.faults.pendingInjections() });
    },
    'POST /_emulator/token': async (ctx: RequestContext): Promise<void> => {
      const body = await readJson(ctx);
      sendJson(ctx.res, 200, asBadRequest(() => control.issueToken({ ttl: body['ttl'] as string | number | undefined, clientId: optString(body['clientId']) })));
    },
    'POST /_emulator/expire-tokens': async (ctx: RequestContext): Promise<void> => {
      const body = await readJson(ctx);
      sendJson(ctx.res, 200, { expired: control.expireAccessTokens(optString(body['accessToken'])) });
    },
    'POST /_emulator/revoke': async (ctx: RequestContext): Promise<void> => {
      const body = await readJson(ctx);
      sendJson(ctx.res, 200, { revoked: control.revokeRefreshTokens(optString(body['refreshToken'])) });
    },
    'GET /_emulator/entries': (ctx: RequestContext): void => sendJson(ctx.res, 200, { entries: control.entries(), now: dropboxTime(ctx.app.now()) }),
    'POST /_emulator/flush': async (ctx: RequestContext): Promise<void> => {
      await flush();
      sendJson(ctx.res, 200, { flushed: true });
    },
  };
}

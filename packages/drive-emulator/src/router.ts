import type { IncomingMessage, ServerResponse } from 'node:http';
import { holdReplyUntilDurable, matchRoute, recordWhenDone, requestOrigin } from '@rsyncish/emulator-kit';
import type { App, Handler, RequestContext } from './context.js';
import { ApiError, authError, badRequest, methodNotAllowed, notFoundRoute } from './errors.js';
import { drain, sendError } from './http-io.js';
import { newRequestId } from './ids.js';

/**
 * Which gate a route sits behind. `api`: Drive API and uploads (faults, then the bearer token);
 * `session`: resumable session URIs (faults; the upload id is the credential, as on Drive);
 * `oauth`: Google's OAuth endpoints (one-shot injections only); `control`: never faulted.
 */
export type Surface = 'api' | 'session' | 'oauth' | 'control';

export interface Route {
  method: string;
  pattern: RegExp;
  surface: Surface;
  handler: Handler;
}

export interface RouterOptions {
  log?: (line: string) => void;
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const m = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

function authorize(ctx: RequestContext): void {
  const token = bearer(ctx.req) ?? ctx.url.searchParams.get('access_token') ?? undefined;
  if (!token || !ctx.app.tokens.checkAccess(token).ok) throw authError();
}

export function createRouter(app: App, routes: Route[], opts: RouterOptions = {}) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    res.setHeader('X-GUploader-Request-Id', newRequestId());
    holdReplyUntilDurable(method, res, app.commit, 'drive-emulator');
    recordWhenDone(app.requests, req, res, opts.log);

    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      sendError(res, badRequest('Malformed request URL'));
      await drain(req);
      return;
    }
    const ctx: RequestContext = { app, req, res, url, params: [], origin: requestOrigin(req, app.boundOrigin) };
    try {
      const { found, pathKnown } = matchRoute(routes, method, url.pathname);
      if (!found) throw pathKnown ? methodNotAllowed(method) : notFoundRoute(method, url.pathname);
      try {
        ctx.params = found.params.map((p) => decodeURIComponent(p));
      } catch {
        throw badRequest('Malformed percent-encoding in path');
      }
      // Chunks POSTed to a session URI (rclone does) need no token, as on Drive.
      const isSessionUri = url.pathname.startsWith('/upload/') && url.searchParams.has('upload_id');
      const surface: Surface = found.route.surface === 'api' && isSessionUri ? 'session' : found.route.surface;
      if (surface !== 'control') {
        const injected = app.faults.takeInjected(method, url.pathname + url.search);
        if (injected) throw injected;
      }
      if (surface === 'api' || surface === 'session') {
        const fault = app.faults.decideApiFault();
        if (fault) throw fault;
      }
      if (surface === 'api') authorize(ctx);
      await found.route.handler(ctx);
    } catch (err) {
      if (err instanceof ApiError) sendError(res, err);
      else if (res.headersSent || req.destroyed) {
        // The client went away or the stream broke mid-reply: nothing left to tell it.
        res.destroy();
      } else {
        process.stderr.write(`drive-emulator: internal error on ${method} ${url.pathname}: ${(err as Error).stack ?? String(err)}\n`);
        sendError(res, new ApiError(500, { error: { code: 500, message: 'Internal Error', errors: [{ domain: 'global', reason: 'internalError', message: 'Internal Error' }] } }));
      }
    } finally {
      // Whatever a handler left unread must be consumed, or the client may never see our reply.
      await drain(req);
    }
  };
}

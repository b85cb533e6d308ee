import type { IncomingMessage, ServerResponse } from 'node:http';
import { holdReplyUntilDurable, matchRoute, recordWhenDone, requestOrigin } from '@rsyncish/emulator-kit';
import type { App, Handler, RequestContext } from './context.js';
import { ApiError, apiError, badRequest, methodNotAllowed, unauthorized } from './errors.js';
import { drain, sendError } from './http-io.js';
import { newLogref } from './ids.js';
import { MultipartError } from './multipart.js';

/**
 * Which gate a route sits behind. `api`: Drive API and content (faults, then the bearer token);
 * `open-content`: tempLinks (faults, no token); `oauth`: Login with Amazon (one-shot injections
 * only); `control` and `presigned`: never faulted.
 */
export type Surface = 'api' | 'open-content' | 'oauth' | 'control' | 'presigned';

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
  const token = bearer(ctx.req);
  if (!token) throw unauthorized('Authorization header is missing or is not a Bearer token');
  const check = ctx.app.tokens.checkAccess(token);
  if (!check.ok) throw unauthorized(check.reason === 'expired' ? 'Token has expired' : 'Invalid token');
  ctx.clientId = check.clientId;
}

export function createRouter(app: App, routes: Route[], opts: RouterOptions = {}) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    res.setHeader('x-amzn-RequestId', newLogref());
    holdReplyUntilDurable(method, res, app.commit, 'acd-emulator');
    recordWhenDone(app.requests, req, res, opts.log);

    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
    } catch {
      sendError(res, badRequest('Malformed request URL'));
      await drain(req);
      return;
    }
    const ctx: RequestContext = { app, req, res, url, params: [], origin: requestOrigin(req, app.boundOrigin), clientId: '' };
    try {
      const { found, pathKnown } = matchRoute(routes, method, url.pathname);
      if (!found) {
        throw pathKnown ? methodNotAllowed(method) : apiError(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`);
      }
      try {
        ctx.params = found.params.map((p) => decodeURIComponent(p));
      } catch {
        throw badRequest('Malformed percent-encoding in path');
      }
      const { surface } = found.route;
      if (surface !== 'control' && surface !== 'presigned') {
        const injected = app.faults.takeInjected(method, url.pathname);
        if (injected) throw injected;
      }
      if (surface === 'api' || surface === 'open-content') {
        const fault = app.faults.decideApiFault();
        if (fault) throw fault;
      }
      if (surface === 'api') authorize(ctx);
      await found.route.handler(ctx);
    } catch (err) {
      if (err instanceof ApiError) sendError(res, err);
      else if (err instanceof MultipartError) sendError(res, badRequest(`Malformed multipart body: ${err.message}`));
      else if (res.headersSent || req.destroyed) {
        // The client went away or the stream broke mid-reply: nothing left to tell it.
        res.destroy();
      } else {
        process.stderr.write(`acd-emulator: internal error on ${method} ${url.pathname}: ${(err as Error).stack ?? String(err)}\n`);
        sendError(res, new ApiError(500, { message: 'Internal failure' }));
      }
    } finally {
      // Whatever a handler left unread must be consumed, or the client may never see our reply.
      await drain(req);
    }
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args } from './args.js';
import type { App, RequestContext } from './context.js';
import { authError, badInput, DropboxError } from './errors.js';
import { drain, readSmallBody, sendError, sendJson } from './http-io.js';

/**
 * rpc: arguments as a JSON body, result as a JSON body (api host).
 * upload: arguments in Dropbox-API-Arg, the body is the content, result as a JSON body.
 * download: arguments in Dropbox-API-Arg, the body is the content, result in Dropbox-API-Result.
 */
export type RouteStyle = 'rpc' | 'upload' | 'download';

export interface ApiRoute {
  style: RouteStyle;
  /** Write routes are the ones too_many_write_operations can refuse. */
  write: boolean;
  /** Returns the JSON result; download routes write the response themselves. */
  handle: (ctx: RequestContext, args: Args) => Promise<unknown>;
}

export type PlainHandler = (ctx: RequestContext) => Promise<void> | void;

export interface RouteTable {
  api: Record<string, ApiRoute>;
  /** OAuth pages and the control endpoint, by "METHOD /path". */
  plain: Record<string, PlainHandler>;
}

const RPC_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain; charset=dropbox-cors-hack'];

function parseJsonArgs(route: string, text: string, where: string): Args {
  if (text.trim() === '' || text.trim() === 'null') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badInput(route, `${where}: could not decode input as JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badInput(route, `${where}: expected an object`);
  return value as Args;
}

async function apiArgs(ctx: RequestContext, style: RouteStyle): Promise<Args> {
  const { req, route } = ctx;
  if (style === 'rpc') {
    const body = (await readSmallBody(req)).toString('utf8');
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (body !== '' && !RPC_TYPES.includes(type)) {
      throw badInput(route, `Bad HTTP "Content-Type" header: "${type}".  Expecting one of "application/json", "application/json; charset=utf-8", "text/plain; charset=dropbox-cors-hack".`);
    }
    return parseJsonArgs(route, body, 'request body');
  }
  const header = req.headers['dropbox-api-arg'] ?? ctx.url.searchParams.get('arg');
  if (typeof header !== 'string') throw badInput(route, 'Must provide HTTP header "Dropbox-API-Arg" or URL parameter "arg".');
  if (style === 'upload') {
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (type !== '' && type !== 'application/octet-stream' && type !== 'text/plain; charset=dropbox-cors-hack') {
      throw badInput(route, `Bad HTTP "Content-Type" header: "${type}".  Expecting one of "application/octet-stream", "text/plain; charset=dropbox-cors-hack".`);
    }
  }
  return parseJsonArgs(route, header, 'HTTP header "Dropbox-API-Arg"');
}

function authenticate(ctx: RequestContext): void {
  const header = ctx.req.headers.authorization ?? (ctx.url.searchParams.get('authorization') ? `Bearer ${ctx.url.searchParams.get('authorization')}` : undefined);
  if (!header) throw badInput(ctx.route, 'Must provide HTTP header "Authorization" or URL parameter "authorization".');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw badInput(ctx.route, 'Invalid authorization value in HTTP header "Authorization": "' + header.split(' ')[0] + ' …".  Expecting "Bearer <oauth2-access-token>".');
  const check = ctx.app.tokens.checkAccess(m[1]!);
  if (!check.ok) throw authError(check.reason === 'expired' ? 'expired_access_token' : 'invalid_access_token');
}

async function serveApi(ctx: RequestContext, route: ApiRoute): Promise<void> {
  authenticate(ctx);
  const fault = ctx.app.faults.decide(ctx.route, route.write);
  if (fault) throw fault;
  const args = await apiArgs(ctx, route.style);
  const result = await route.handle(ctx, args);
  if (route.style === 'download') return;
  const lost = route.style === 'upload' ? ctx.app.faults.replyLost() : undefined;
  if (lost) throw lost;
  sendJson(ctx.res, 200, result ?? null);
}

/** Dispatches a request: `/2/{route}` to the API, anything else to the plain handlers. */
export function createRouter(app: App, table: RouteTable, log?: (line: string) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const ctx: RequestContext = { app, req, res, url, route: url.pathname.replace(/^\/2\//, '') };
    res.on('finish', () => log?.(`${req.method} ${url.pathname} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      if (url.pathname.startsWith('/2/')) {
        const route = Object.hasOwn(table.api, ctx.route) ? table.api[ctx.route] : undefined;
        if (!route) throw new DropboxError(404, `Unknown API function: "${ctx.route}"`);
        if (req.method !== 'POST' && !(route.style === 'download' && (req.method === 'GET' || req.method === 'HEAD'))) {
          throw new DropboxError(405, `Error in call to API function "${ctx.route}": Method not allowed`, { Allow: 'POST' });
        }
        await serveApi(ctx, route);
        return;
      }
      const key = `${req.method} ${url.pathname}`;
      const handler = Object.hasOwn(table.plain, key) ? table.plain[key] : undefined;
      if (!handler) throw new DropboxError(404, `Not found: ${req.method} ${url.pathname}`);
      await handler(ctx);
    } catch (err) {
      const reply = err instanceof DropboxError ? err : new DropboxError(500, 'Internal Server Error');
      if (!(err instanceof DropboxError)) log?.(`internal error: ${(err as Error).stack ?? String(err)}`);
      // Read what the client is still sending, so it sees the reply instead of a broken pipe.
      await drain(req);
      sendError(res, reply);
    }
  };
}

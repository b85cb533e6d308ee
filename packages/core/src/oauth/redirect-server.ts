import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors/index.js';

export const DEFAULT_REDIRECT_PORT = 53682;

export interface RedirectServerOptions {
  /** Default 53682; 0 picks a free port (tests). */
  port?: number;
  /** The state the authorize request carries; anything else is refused. */
  state: string;
  /** Built once the port is known, since the redirect URI contains it. */
  authorizeUrl: (redirectUri: string) => string;
}

export interface RedirectServer {
  /** `http://127.0.0.1:<port>/` */
  redirectUri: string;
  /** `http://127.0.0.1:<port>/auth?state=<state>`: what the user opens. */
  authUrl: string;
  /** Resolves with the code from the first good redirect; rejects on an error from the provider. */
  code: Promise<string>;
  close(): Promise<void>;
}

/**
 * The local end of the OAuth redirect, alive only during the flow, on
 * 127.0.0.1 with keep-alive off (rclone's behaviour): `/auth` sends the browser
 * to the provider, `/` receives the code. State mismatches and stray paths are
 * refused without ending the flow.
 */
export async function startRedirectServer(options: RedirectServerOptions): Promise<RedirectServer> {
  let resolveCode!: (code: string) => void;
  let rejectCode!: (err: Error) => void;
  const code = new Promise<string>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  code.catch(() => {}); // the caller may close before awaiting
  // Loaded here, not at the top: every command loads this package, few authorize (node:http costs a start ~3 ms).
  const { createServer } = await import('node:http');
  let authorizeUrl = '';

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => reply(res, 500, 'text/plain', 'Internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/auth' && req.method === 'GET') {
      if (url.searchParams.get('state') !== options.state) {
        reply(res, 403, 'text/plain; charset=utf-8', 'State did not match - please try again');
        return;
      }
      res.setHeader('Location', authorizeUrl);
      reply(res, 307, 'text/html; charset=utf-8', `<a href="${escapeHtml(authorizeUrl)}">Temporary Redirect</a>.\n`);
      return;
    }
    if (url.pathname !== '/' || (req.method !== 'GET' && req.method !== 'POST')) {
      reply(res, 404, 'text/plain; charset=utf-8', '404 page not found');
      return;
    }
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      for (const [k, v] of new URLSearchParams(await readBody(req))) params.append(k, v);
    }
    const providerError = params.get('error');
    const gotCode = params.get('code') ?? '';
    if (gotCode === '') {
      const detail = providerError ? `${providerError}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}` : 'No code returned by remote server';
      reply(res, 400, 'text/html; charset=utf-8', page('Failure!', `Auth Error: ${escapeHtml(detail)}`));
      if (providerError && params.get('state') === options.state) {
        rejectCode(new UsageError('ERR_OAUTH_DENIED', `authorization failed: ${detail}`, { hint: 'run the setup again and allow access' }));
      }
      return;
    }
    if (params.get('state') !== options.state) {
      reply(res, 400, 'text/html; charset=utf-8', page('Failure!', "Auth state doesn't match"));
      return;
    }
    reply(res, 200, 'text/html; charset=utf-8', page('Success!', 'All done. Please go back to rsyncish.'));
    resolveCode(gotCode);
  }

  const port = options.port ?? DEFAULT_REDIRECT_PORT;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new UsageError('ERR_PORT_IN_USE', `cannot listen on 127.0.0.1:${port} for the OAuth redirect: the port is in use`, {
          hint: 'stop the other "rsyncish config" or "rsyncish authorize" (or rclone) that holds it and try again',
        })
        : err);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const redirectUri = `http://127.0.0.1:${bound}/`;
  authorizeUrl = options.authorizeUrl(redirectUri);
  return {
    redirectUri,
    authUrl: `http://127.0.0.1:${bound}/auth?state=${encodeURIComponent(options.state)}`,
    code,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      rejectCode(new UsageError('ERR_OAUTH_ABORTED', 'the authorization was cancelled'));
    }),
  };
}

function reply(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Connection', 'close');
  res.end(body);
}

function page(title: string, text: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>rsyncish</title></head>\n<body>\n<h1>${title}</h1>\n<p>${text}</p>\n</body>\n</html>\n`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) break;
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

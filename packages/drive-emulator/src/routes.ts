import type { Handler } from './context.js';
import { controlRoutes } from './control.js';
import type { EmulatorControl } from './control.js';
import * as oauth from './oauth.js';
import type { Route, Surface } from './router.js';
import { about } from './routes/about.js';
import * as files from './routes/files.js';
import { chunk, upload } from './routes/upload.js';

const ID = '([^/]+)';

function route(method: string, path: string, surface: Surface, handler: Handler): Route {
  return { method, pattern: new RegExp(`^${path}/?$`), surface, handler };
}

/**
 * Every surface on one port, at the paths the real hosts use: accounts.google.com/o/oauth2/auth,
 * oauth2.googleapis.com/token (and www.googleapis.com/oauth2/v4/token), www.googleapis.com/drive/v3
 * and /upload/drive/v3. Whatever host name a client used, the path decides.
 */
export function allRoutes(control: EmulatorControl, flush: () => Promise<void>): Route[] {
  const c = controlRoutes(control, flush);
  const api = (method: string, path: string, handler: Handler): Route => route(method, `/drive/v3/${path}`, 'api', handler);
  const uploads = '/upload/drive/v3/files';
  return [
    route('GET', '/o/oauth2/auth', 'oauth', oauth.authorize),
    route('GET', '/o/oauth2/v2/auth', 'oauth', oauth.authorize),
    route('GET', '/o/oauth2/approve', 'oauth', oauth.approve),
    route('POST', '/o/oauth2/approve', 'oauth', oauth.approve),
    route('POST', '/token', 'oauth', oauth.token),
    route('POST', '/o/oauth2/token', 'oauth', oauth.token),
    route('POST', '/oauth2/v4/token', 'oauth', oauth.token),

    api('GET', 'about', about),
    api('GET', 'files', files.list),
    api('POST', 'files', files.create),
    api('DELETE', 'files/trash', files.emptyTrash),
    api('GET', `files/${ID}`, files.get),
    api('PATCH', `files/${ID}`, files.update),
    api('DELETE', `files/${ID}`, files.remove),
    api('POST', `files/${ID}/copy`, files.copy),
    api('GET', `files/${ID}/export`, files.exportFile),

    // A session URI is the upload path plus upload_id (the router lets those through without a token).
    route('PUT', uploads, 'session', chunk),
    route('POST', uploads, 'api', upload),
    route('PATCH', `${uploads}/${ID}`, 'api', upload),
    route('PUT', `${uploads}/${ID}`, 'session', chunk),

    route('GET', '/_emulator/faults', 'control', c.getFaults),
    route('POST', '/_emulator/faults', 'control', c.setFaults),
    route('DELETE', '/_emulator/faults', 'control', c.resetFaults),
    route('POST', '/_emulator/faults/inject', 'control', c.inject),
    route('GET', '/_emulator/files', 'control', c.files),
    route('POST', '/_emulator/files', 'control', c.plant),
    route('POST', '/_emulator/tokens', 'control', c.issueToken),
    route('POST', '/_emulator/tokens/revoke', 'control', c.revoke),
    route('POST', '/_emulator/tokens/expire', 'control', c.expireTokens),
    route('GET', '/_emulator/uploads', 'control', c.uploads),
    route('GET', '/_emulator/requests', 'control', c.requests),
    route('DELETE', '/_emulator/requests', 'control', c.clearRequests),
    route('POST', '/_emulator/flush', 'control', c.flush),
  ];
}

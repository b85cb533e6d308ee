import type { Handler } from './context.js';
import { controlRoutes } from './control.js';
import type { EmulatorControl } from './control.js';
import * as oauth from './oauth.js';
import type { Route, Surface } from './router.js';
import * as account from './routes/account.js';
import { changes } from './routes/changes.js';
import * as content from './routes/content.js';
import * as nodes from './routes/nodes.js';
import * as trash from './routes/trash.js';

const ID = '([^/]+)';

function route(method: string, path: string, surface: Surface, handler: Handler): Route {
  return { method, pattern: new RegExp(`^${path}/?$`), surface, handler };
}

/** Every surface on one port, at the paths the real hosts used. */
export function allRoutes(control: EmulatorControl, flush: () => Promise<void>): Route[] {
  const c = controlRoutes(control, flush);
  const api = (method: string, path: string, handler: Handler): Route => route(method, `/drive/v1/${path}`, 'api', handler);
  return [
    route('GET', '/ap/oa', 'oauth', oauth.authorize),
    route('GET', '/ap/oa/approve', 'oauth', oauth.approve),
    route('POST', '/ap/oa/approve', 'oauth', oauth.approve),
    route('POST', '/auth/o2/token', 'oauth', oauth.token),

    api('GET', 'account/endpoint', account.endpoint),
    api('GET', 'account/info', account.info),
    api('GET', 'account/quota', account.quota),
    api('GET', 'account/usage', account.usage),
    api('GET', 'nodes', nodes.list),
    api('POST', 'nodes', nodes.create),
    api('GET', `nodes/${ID}`, nodes.get),
    api('PATCH', `nodes/${ID}`, nodes.patch),
    api('DELETE', `nodes/${ID}`, nodes.purge),
    api('GET', `nodes/${ID}/children`, nodes.listChildren),
    api('POST', `nodes/${ID}/children`, nodes.move),
    api('PUT', `nodes/${ID}/children/${ID}`, nodes.addParent),
    api('DELETE', `nodes/${ID}/children/${ID}`, nodes.removeParent),
    api('GET', 'trash', trash.list),
    api('PUT', `trash/${ID}`, trash.put),
    api('POST', `trash/${ID}/restore`, trash.restore),
    api('POST', 'changes', changes),

    route('POST', '/cdproxy/nodes', 'api', content.upload),
    route('PUT', `/cdproxy/nodes/${ID}/content`, 'api', content.overwrite),
    route('GET', `/cdproxy/nodes/${ID}/content`, 'api', content.download),
    route('GET', `/cdproxy/templink/${ID}`, 'open-content', content.tempLink),
    route('GET', `/_s3/${ID}`, 'presigned', content.presigned),

    route('GET', '/_emulator/faults', 'control', c.getFaults),
    route('POST', '/_emulator/faults', 'control', c.setFaults),
    route('DELETE', '/_emulator/faults', 'control', c.resetFaults),
    route('POST', '/_emulator/faults/inject', 'control', c.inject),
    route('GET', '/_emulator/nodes', 'control', c.nodes),
    route('POST', '/_emulator/nodes', 'control', c.plant),
    route('POST', '/_emulator/tokens', 'control', c.issueToken),
    route('POST', '/_emulator/tokens/revoke', 'control', c.revoke),
    route('POST', '/_emulator/tokens/expire', 'control', c.expireTokens),
    route('POST', '/_emulator/templinks/expire', 'control', c.expireTempLinks),
    route('POST', '/_emulator/trash/purge', 'control', c.purgeTrash),
    route('GET', '/_emulator/requests', 'control', c.requests),
    route('DELETE', '/_emulator/requests', 'control', c.clearRequests),
    route('POST', '/_emulator/flush', 'control', c.flush),
  ];
}

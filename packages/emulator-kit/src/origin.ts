import type { IncomingMessage } from 'node:http';

const HOST_RE = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin the client used to reach us, from the Host header when it is a plain host[:port],
 * so the URLs we hand out (endpoints, tempLinks) work through whatever address the client chose.
 */
export function requestOrigin(req: IncomingMessage, boundOrigin: string): string {
  const host = req.headers.host;
  return host && HOST_RE.test(host) ? `http://${host}` : boundOrigin;
}

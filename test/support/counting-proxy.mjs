// A plain HTTP proxy on 127.0.0.1 in front of one server, counting the
// requests it forwards, so a test can tell how many listings a command made
// without trusting the client's own account of it.
import { createServer, request } from 'node:http';

/**
 * Start it; `requests` holds `METHOD path?query` of each forwarded request,
 * in arrival order. `close()` stops it.
 */
export async function startCountingProxy(target) {
  const to = new URL(target);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const upstream = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

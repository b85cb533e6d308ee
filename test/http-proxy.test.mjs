// HTTP_PROXY sends a request through undici's ProxyAgent, which core loads
// from a bundle of its own (scripts/bundles.cjs, `lazy`) only when a proxy is
// set. This drives the built core bundle, as the CLI loads it, through a proxy
// on 127.0.0.1 that answers itself: nothing goes past it.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const core = createRequire(import.meta.url)(join(ROOT, 'packages', 'core', 'dist', 'bundle.cjs'));

/** A proxy that is also the origin: a CONNECT tunnel ends in its own HTTP server, an absolute-form request is answered at once. */
async function startProxy() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} host=${req.headers.host}`);
    res.end('answered by the proxy');
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    server.emit('connection', socket);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

test('HTTP_PROXY: a request goes through the proxy, with its lazily loaded agent', async () => {
  const proxy = await startProxy();
  // .invalid never resolves: the request can only have reached the proxy.
  const client = new core.HttpClient({ transport: { env: { HTTP_PROXY: proxy.url } } });
  try {
    const res = await client.request({ method: 'GET', url: 'http://rsyncish-proxy-test.invalid/some/path' });
    assert.equal(res.status, 200);
    assert.equal(await text(res.body), 'answered by the proxy');
    assert.ok(proxy.seen.some((l) => l.includes('rsyncish-proxy-test.invalid')), `the proxy saw: ${proxy.seen.join(' | ')}`);
    assert.ok(proxy.seen.some((l) => l.includes('/some/path')), `the proxy saw: ${proxy.seen.join(' | ')}`);
  } finally {
    await client.close?.();
    await proxy.close();
  }
});

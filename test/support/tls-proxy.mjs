// A CONNECT proxy for pointing Debian's rclone at an emulator whose real
// service has fixed host names (acd/API.md §8: rclone's acd discovery URL is
// https://drive.amazonaws.com/). The proxy ends TLS for the named hosts with a
// certificate from a throwaway CA and forwards each host's requests to its
// emulator on 127.0.0.1. Every other CONNECT target is refused: nothing
// leaves 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';

export const DRIVE_HOST = 'drive.amazonaws.com';

export function haveOpenssl() {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A test CA and one certificate for `hosts` (default drive.amazonaws.com)
 * signed by it, made with the openssl CLI. Returns file paths.
 */
export function makeTestCertificates(dir, hosts = [DRIVE_HOST]) {
  const f = (name) => join(dir, name);
  const run = (...args) => execFileSync('openssl', args, { stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=rsyncish throwaway test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('drive.key'), '-out', f('drive.csr'), '-subj', `/CN=${hosts[0]}`);
  const names = hosts.map((h) => `DNS:${h}`).join(',');
  writeFileSync(f('drive.ext'), `subjectAltName=${names}\nextendedKeyUsage=serverAuth\n`);
  run('x509', '-req', '-in', f('drive.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('drive.pem'), '-days', '2', '-extfile', f('drive.ext'));
  return { ca: f('ca.pem'), cert: f('drive.pem'), key: f('drive.key') };
}

/**
 * Start the proxy on 127.0.0.1. `routes` maps each served host name to the
 * origin of its emulator (http://127.0.0.1:PORT); `target` alone is short for
 * { 'drive.amazonaws.com': target }. The certificate must name every host.
 */
export async function startTlsProxy({ target, routes = { [DRIVE_HOST]: target }, cert, key }) {
  const upstreams = new Map(Object.entries(routes).map(([host, origin]) => [`${host}:443`, new URL(origin)]));
  for (const upstream of upstreams.values()) {
    if (upstream.hostname !== '127.0.0.1') throw new Error('the proxy only forwards to 127.0.0.1');
  }
  const credentials = { cert: readFileSync(cert), key: readFileSync(key) };
  const refused = [];
  // Decrypted requests, forwarded as they are to the emulator of the host the
  // tunnel was opened for.
  const inner = createServer((req, res) => {
    const upstream = upstreams.get(req.socket.connectTarget);
    const out = request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  const proxy = createServer((req, res) => {
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(403);
    res.end(`only CONNECT to ${[...upstreams.keys()].join(', ')} is served\n`);
  });
  proxy.on('connect', (req, socket) => {
    if (!upstreams.has(req.url)) {
      refused.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const tls = new TLSSocket(socket, { isServer: true, ...credentials });
    tls.connectTarget = req.url;
    tls.on('error', () => socket.destroy());
    inner.emit('connection', tls);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${proxy.address().port}`,
    refused,
    close: () => new Promise((resolve) => {
      proxy.closeAllConnections?.();
      inner.closeAllConnections?.();
      proxy.close(() => resolve());
      inner.close();
    }),
  };
}

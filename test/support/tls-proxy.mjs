// A CONNECT proxy for pointing Debian's rclone (acd backend) at the emulator
// (acd/API.md §8): rclone's discovery URL is fixed to
// https://drive.amazonaws.com/, so the proxy ends TLS for that one host with a
// certificate from a throwaway CA and forwards the requests to the emulator.
// Every other CONNECT target is refused: nothing leaves 127.0.0.1.
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

/** A test CA and a certificate for drive.amazonaws.com signed by it, made with the openssl CLI. Returns file paths. */
export function makeTestCertificates(dir) {
  const f = (name) => join(dir, name);
  const run = (...args) => execFileSync('openssl', args, { stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=rsyncish throwaway test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('drive.key'), '-out', f('drive.csr'), '-subj', `/CN=${DRIVE_HOST}`);
  writeFileSync(f('drive.ext'), `subjectAltName=DNS:${DRIVE_HOST}\nextendedKeyUsage=serverAuth\n`);
  run('x509', '-req', '-in', f('drive.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('drive.pem'), '-days', '2', '-extfile', f('drive.ext'));
  return { ca: f('ca.pem'), cert: f('drive.pem'), key: f('drive.key') };
}

/**
 * Start the proxy on 127.0.0.1. `target` is the emulator's origin
 * (http://127.0.0.1:PORT); requests for https://drive.amazonaws.com/... go there.
 */
export async function startTlsProxy({ target, cert, key }) {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the proxy only forwards to 127.0.0.1');
  const credentials = { cert: readFileSync(cert), key: readFileSync(key) };
  const refused = [];
  // Decrypted requests for drive.amazonaws.com, forwarded as they are to the emulator.
  const inner = createServer((req, res) => {
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
    res.end('only CONNECT drive.amazonaws.com:443 is served\n');
  });
  proxy.on('connect', (req, socket) => {
    if (req.url !== `${DRIVE_HOST}:443`) {
      refused.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    const tls = new TLSSocket(socket, { isServer: true, ...credentials });
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

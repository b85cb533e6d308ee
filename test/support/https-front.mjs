// An HTTPS server on 127.0.0.1 in front of a local HTTP server (the ACD
// emulator), with a throwaway CA made by the openssl CLI, that can require a
// client certificate. Replies that name the upstream's origin (the emulator's
// account/endpoint) are rewritten to name the front, so every request of a
// client goes through TLS. It records the User-Agent and client certificate of
// each request, for tests of --ca-cert, --client-cert and --user-agent.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:https';
import { join } from 'node:path';

/** A CA, a server certificate for IP 127.0.0.1 and a client certificate (CN rsyncish-test-client), as PEM files. */
export function makeFrontCertificates(dir) {
  const f = (name) => join(dir, name);
  const run = (...args) => execFileSync('openssl', args, { stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('front-ca.key'), '-out', f('front-ca.pem'), '-days', '2', '-subj', '/CN=rsyncish front test CA');
  const sign = (name, cn, ext) => {
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`), '-subj', `/CN=${cn}`);
    writeFileSync(f(`${name}.ext`), ext);
    run('x509', '-req', '-in', f(`${name}.csr`), '-CA', f('front-ca.pem'), '-CAkey', f('front-ca.key'), '-CAcreateserial', '-out', f(`${name}.pem`), '-days', '2', '-extfile', f(`${name}.ext`));
  };
  sign('front-server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  sign('front-client', 'rsyncish-test-client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: f('front-ca.pem'),
    server: { cert: f('front-server.pem'), key: f('front-server.key') },
    client: { cert: f('front-client.pem'), key: f('front-client.key') },
  };
}

/** Start the front for `target` (http://127.0.0.1:PORT). */
export async function startHttpsFront({ target, certs, requireClientCert = true }) {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the front only forwards to 127.0.0.1');
  const seen = [];
  let origin = '';
  const server = createServer({
    cert: readFileSync(certs.server.cert),
    key: readFileSync(certs.server.key),
    ca: readFileSync(certs.ca),
    requestCert: requireClientCert,
    rejectUnauthorized: requireClientCert,
  }, (req, res) => {
    const peer = req.socket.getPeerCertificate();
    seen.push({ method: req.method, path: req.url, userAgent: req.headers['user-agent'], clientCN: peer?.subject?.CN });
    const out = request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (up) => {
      const chunks = [];
      up.on('data', (c) => chunks.push(c));
      up.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...up.headers };
        if (/json/.test(headers['content-type'] ?? '')) {
          body = Buffer.from(body.toString('utf8').replaceAll(upstream.origin, origin));
          headers['content-length'] = String(body.length);
        }
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  // A refused handshake is the client's problem, not the test server's.
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${server.address().port}`;
  return {
    url: origin,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

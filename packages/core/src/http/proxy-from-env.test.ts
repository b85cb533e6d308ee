import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proxyFor } from './proxy-from-env.js';

const env = { HTTPS_PROXY: 'http://127.0.0.1:3128', http_proxy: 'proxy.test:8080', NO_PROXY: 'internal.test,.corp.test,svc.test:8443' };

test('https and http URLs use their own proxy variable, either case; a bare host:port is http://', () => {
  assert.equal(proxyFor(new URL('https://drive.amazonaws.com/drive/v1/'), env), 'http://127.0.0.1:3128');
  assert.equal(proxyFor(new URL('http://example.test/x'), env), 'http://proxy.test:8080');
  assert.equal(proxyFor(new URL('https://example.test/'), {}), undefined);
});

test('loopback hosts are never proxied, as in Go', () => {
  for (const u of ['https://127.0.0.1:9000/', 'https://127.8.9.1/', 'http://localhost:80/', 'https://[::1]:443/']) {
    assert.equal(proxyFor(new URL(u), env), undefined, u);
  }
});

test('NO_PROXY: a name covers its subdomains, a leading dot only the subdomains, a port only that port, * all', () => {
  assert.equal(proxyFor(new URL('https://internal.test/'), env), undefined);
  assert.equal(proxyFor(new URL('https://a.internal.test/'), env), undefined);
  assert.equal(proxyFor(new URL('https://corp.test/'), env), 'http://127.0.0.1:3128');
  assert.equal(proxyFor(new URL('https://x.corp.test/'), env), undefined);
  assert.equal(proxyFor(new URL('https://svc.test:8443/'), env), undefined);
  assert.equal(proxyFor(new URL('https://svc.test/'), env), 'http://127.0.0.1:3128');
  assert.equal(proxyFor(new URL('https://anything.test/'), { ...env, NO_PROXY: '*' }), undefined);
});

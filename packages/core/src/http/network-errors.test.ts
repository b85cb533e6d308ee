import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExitCode, FatalBackendError, RetryableError } from '../errors/index.js';
import { mapNetworkError } from './network-errors.js';

function nodeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

test('a server certificate that does not verify is fatal, names the request and points at --ca-cert', () => {
  const err = mapNetworkError(new TypeError('fetch failed', { cause: nodeError('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN') }), 'GET', 'https://127.0.0.1:8443/drive/v1/');
  assert.ok(err instanceof FatalBackendError);
  assert.equal(err.exitCode, ExitCode.FatalError);
  assert.equal(err.message, 'GET https://127.0.0.1:8443/drive/v1/: TLS with https://127.0.0.1:8443 failed: self-signed certificate in certificate chain (SELF_SIGNED_CERT_IN_CHAIN)');
  assert.match(err.hint ?? '', /--ca-cert FILE/);
});

test('a handshake the server refused points at the client certificate flags', () => {
  const err = mapNetworkError(nodeError('tlsv13 alert certificate required', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), 'GET', 'https://h.test/');
  assert.ok(err instanceof FatalBackendError);
  assert.match(err.hint ?? '', /--client-cert and --client-key/);
});

test('a refused connection stays retryable, and an error of another kind passes unchanged', () => {
  assert.ok(mapNetworkError(nodeError('connect ECONNREFUSED', 'ECONNREFUSED'), 'GET', 'http://127.0.0.1:1/') instanceof RetryableError);
  const other = new Error('something else');
  assert.equal(mapNetworkError(other, 'GET', 'http://h.test/'), other);
});

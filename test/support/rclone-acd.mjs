// Debian's rclone 1.60 with its `amazon cloud drive` backend, pointed at an ACD
// emulator process: rclone reaches the fixed discovery URL through a TLS proxy
// on 127.0.0.1 that refuses every other host (tls-proxy.mjs).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../helpers.mjs';
import { haveOpenssl, makeTestCertificates, startTlsProxy } from './tls-proxy.mjs';

function haveRclone() {
  try {
    return /acd|amazon cloud drive/i.test(execFileSync('rclone', ['help', 'backends'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** Why rclone cannot be used here, or undefined when it can (a test's `skip`). */
export const rcloneMissing = !haveRclone() ? 'rclone with the acd backend is not installed'
  : !haveOpenssl() ? 'the openssl CLI is not installed' : undefined;

/** An rclone remote `rc:` on the emulator; `rclone(args)` runs it, `close()` stops the proxy. */
export async function startRcloneAcd(emu, dir) {
  const certs = makeTestCertificates(dir);
  const proxy = await startTlsProxy({ target: emu.url, cert: certs.cert, key: certs.key });
  const rcloneConfig = join(dir, 'rclone.conf');
  const token = await emu.control('POST', 'tokens', { ttl: '1h' });
  writeFileSync(rcloneConfig, [
    '[rc]',
    'type = amazon cloud drive',
    'client_id = rclone-client',
    'client_secret = rclone-secret',
    `token_url = ${emu.urls.token_url}`,
    `auth_url = ${emu.urls.auth_url}`,
    `token = ${JSON.stringify({ access_token: token.access_token, token_type: 'bearer', refresh_token: token.refresh_token, expiry: token.expiry })}`,
    '',
  ].join('\n'), { mode: 0o600 });
  const rclone = (args) => runProgram('rclone', ['--config', rcloneConfig, '--ca-cert', certs.ca, ...args], {
      env: { ...process.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: '', NO_PROXY: '', https_proxy: proxy.url, no_proxy: '', http_proxy: '' },
    });
  return { rclone, proxy, close: () => proxy.close() };
}

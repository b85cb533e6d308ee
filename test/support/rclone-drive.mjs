// Debian's rclone 1.60 with its `drive` backend, pointed at a drive emulator
// process: rclone's API and upload URLs are fixed to https://www.googleapis.com,
// which it reaches through a TLS proxy on 127.0.0.1 that refuses every other
// host (tls-proxy.mjs). The token URL is a config option, so refreshes go to
// the emulator directly.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram } from '../helpers.mjs';
import { haveOpenssl, makeTestCertificates, startTlsProxy } from './tls-proxy.mjs';

export const GOOGLEAPIS_HOST = 'www.googleapis.com';

function haveRclone() {
  try {
    return /\bdrive\b/.test(execFileSync('rclone', ['help', 'backends'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

/** Why rclone cannot be used here, or undefined when it can (a test's `skip`). */
export const rcloneDriveMissing = !haveRclone() ? 'rclone with the drive backend is not installed'
  : !haveOpenssl() ? 'the openssl CLI is not installed' : undefined;

/** An rclone remote `rc:` on the emulator; `rclone(args)` runs it, `close()` stops the proxy. */
export async function startRcloneDrive(emu, dir) {
  const certs = makeTestCertificates(dir, [GOOGLEAPIS_HOST]);
  const proxy = await startTlsProxy({ routes: { [GOOGLEAPIS_HOST]: emu.url }, cert: certs.cert, key: certs.key });
  const rcloneConfig = join(dir, 'rclone.conf');
  const token = await emu.control('POST', 'tokens', { ttl: '1h' });
  writeFileSync(rcloneConfig, [
    '[rc]',
    'type = drive',
    'client_id = rclone-client.apps.googleusercontent.com',
    'client_secret = rclone-secret',
    'scope = drive',
    `token_url = ${emu.urls.token_url}`,
    `auth_url = ${emu.urls.auth_url}`,
    `token = ${JSON.stringify({ access_token: token.access_token, token_type: 'Bearer', refresh_token: token.refresh_token, expiry: token.expiry })}`,
    '',
  ].join('\n'), { mode: 0o600 });
  const rclone = (args) => runProgram('rclone', ['--config', rcloneConfig, '--ca-cert', certs.ca, '--drive-pacer-min-sleep', '10ms', ...args], {
    env: { ...process.env, HTTPS_PROXY: proxy.url, HTTP_PROXY: '', NO_PROXY: '', https_proxy: proxy.url, no_proxy: '', http_proxy: '' },
  });
  return { rclone, proxy, close: () => proxy.close() };
}

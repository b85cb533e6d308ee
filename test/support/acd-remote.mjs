// An in-process ACD emulator and a config file with a remote `acd` on it,
// configured as a user would (the token serialised the way rclone stores it);
// `options` are that remote's option values, for a test that passes them itself.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startEmulator } from '@rsyncish/acd-emulator';
import { tempDir } from '../helpers.mjs';

// `emulator` adds options of the emulator (e.g. tokenTtl); `tokenTtl` is the lifetime of the configured token.
export async function startAcdRemote(extraOptions = {}, { emulator = {}, tokenTtl = '2h' } = {}) {
  const emu = await startEmulator({ host: '127.0.0.1', port: 0, ...emulator });
  const config = join(tempDir(), 'rsyncish.conf');
  const t = emu.control.issueToken({ ttl: tokenTtl });
  const token = JSON.stringify({ access_token: t.access_token, token_type: t.token_type, refresh_token: t.refresh_token, expiry: t.expiry });
  const options = {
    client_id: 'e2e-client', client_secret: 'e2e-secret',
    endpoint: `${emu.url}/drive/v1/`, auth_url: `${emu.url}/ap/oa`, token_url: `${emu.url}/auth/o2/token`,
    token, ...extraOptions,
  };
  writeFileSync(config, ['[acd]', 'type = acd', ...Object.entries(options).map(([k, v]) => `${k} = ${v}`), ''].join('\n'));
  return { emu, config, options };
}

/**
 * Start an emulator remote before the tests of the file or describe block
 * this is called in, hand it to `use` ({ emu, config }), and stop it after them.
 */
export function useAcdRemote(use, ...args) {
  let remote;
  before(async () => {
    remote = await startAcdRemote(...args);
    use(remote);
  });
  after(async () => {
    await remote?.emu.stop();
  });
}

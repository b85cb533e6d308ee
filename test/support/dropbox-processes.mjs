// A config file with a `dropbox` remote on an emulator process
// (dropbox-emulator-process.mjs), made as a user would: the emulator's own
// --print-config section plus a token from its control endpoint, which is
// what the wizard's OAuth step would store.
import { writeFileSync } from 'node:fs';

export { startDropboxEmulator } from './dropbox-emulator-process.mjs';

/** A token as rclone and rsyncish store it, issued by the emulator (to `clientId`, who alone may refresh it). */
export async function issuedToken(emu, { ttl = '1h', clientId } = {}) {
  const t = await emu.control('POST', 'token', { ttl, clientId });
  return JSON.stringify({ access_token: t.access_token, token_type: 'bearer', refresh_token: t.refresh_token, expiry: t.expiry });
}

/** Write `config` with the emulator's section for its remote, a fresh token for its client and `extra` option lines. */
export async function writeDropboxConfig(emu, config, extra = []) {
  const token = await issuedToken(emu, { clientId: emu.options['client_id'] });
  writeFileSync(config, `${emu.config}token = ${token}\n${extra.map((l) => `${l}\n`).join('')}`, { mode: 0o600 });
}

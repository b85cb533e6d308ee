// The gcs-emulator as a separate process for the end-to-end tests, a service
// account key made here for it, and a config file both rsyncish and rclone read.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorBin } from './emulator-process.mjs';

/** Write a service account key as Google's console makes one (a fresh RSA key), its token_uri left for the emulator. */
export function writeServiceAccountKey(path, { email = 'rsyncish-e2e@demo-e2e.iam.gserviceaccount.com', tokenUri = 'http://127.0.0.1:1/token' } = {}) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = {
    type: 'service_account',
    project_id: 'demo-e2e',
    private_key_id: 'e2e',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: email,
    client_id: '1',
    token_uri: tokenUri,
  };
  writeFileSync(path, JSON.stringify(key));
  return key;
}

/**
 * Start `gcs-emulator --port 0 --print-config gcs ...args` and wait for the
 * config section it prints after its listening line. `section` is that text.
 */
export async function startGcsEmulator(args = [], { timeoutMs = 15_000 } = {}) {
  const ready = (out) => {
    const m = /^gcs-emulator listening on (http:\/\/\S+)\n(\[gcs\]\n(?:.+ = .*\n)+)/.exec(out);
    return m && /token_url = /.test(m[2]) ? m : undefined;
  };
  const emu = await startEmulatorBin('gcs-emulator', ['--print-config', 'gcs', ...args], { timeoutMs, ready });
  return { ...emu, section: emu.match[2] };
}

/**
 * An emulator that requires auth and trusts one service account whose key
 * this makes in `dir`; `config` holds the printed section plus
 * service_account_file, all a remote needs.
 */
export async function startGcsRemote(dir, args = []) {
  const keyFile = join(dir, 'service-account.json');
  // The token_uri must name the emulator, whose port is known only once it runs: register the key after the start.
  const emu = await startGcsEmulator(['--require-auth', ...args]);
  const key = writeServiceAccountKey(keyFile, { tokenUri: `${emu.url}/token` });
  await emu.control('POST', 'service-accounts', key);
  const config = join(dir, 'gcs.conf');
  writeFileSync(config, `${emu.section}service_account_file = ${keyFile}\n`);
  return { ...emu, config, keyFile };
}

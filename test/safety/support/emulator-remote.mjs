// An ACD emulator as a real process on 127.0.0.1 and a config file whose
// remote `acd` points at it, with a token the emulator issued.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulatorProcess } from '../../support/acd-processes.mjs';

/** Write `dir/rsyncish.conf` with a remote `acd` on `emu`; returns the config path. */
export async function writeAcdConfig(emu, dir) {
  const t = await emu.control('POST', 'tokens', { ttl: '2h' });
  const token = JSON.stringify({ access_token: t.access_token, token_type: t.token_type, refresh_token: t.refresh_token, expiry: t.expiry });
  const config = join(dir, 'rsyncish.conf');
  const options = { client_id: 'safety-client', client_secret: 'safety-secret', ...emu.urls, token };
  writeFileSync(config, ['[acd]', 'type = acd', ...Object.entries(options).map(([k, v]) => `${k} = ${v}`), ''].join('\n'));
  return config;
}

/**
 * Start the emulator process and a config for it. Its data lives in `dir`,
 * which the test removes: these tests kill the server with SIGKILL, which
 * leaves it no chance to remove a folder of its own.
 */
export async function startAcdProcessRemote(dir, args = []) {
  const data = args.includes('--data') ? [] : ['--data', join(dir, 'emulator-data')];
  const emu = await startEmulatorProcess([...data, ...args]);
  const config = await writeAcdConfig(emu, dir);
  return { emu, config };
}

/** Resolve with the child's exit once it has gone. */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

// The dropbox emulator as a separate process, for end-to-end tests: started with
// `--print-config`, so the test gets the config section a user would paste.
import { startEmulatorBin } from './emulator-process.mjs';

/**
 * Start `dropbox-emulator --port 0 --print-config NAME ...args`; resolves once the config
 * section has been printed, with `url`, `config` (the section's text), `options` (its
 * `option = value` lines as an object), `control(method, path, body)` and `stop()`.
 */
export async function startDropboxEmulator(args = [], { name = 'dbx', timeoutMs = 15_000 } = {}) {
  const ready = (out) => {
    const m = /^dropbox-emulator listening on (http:\/\/\S+)\n(\[[^\]]+\]\n(?:[a-z_]+ = .*\n)+)/.exec(out);
    // The section ends with content_endpoint, its last line.
    return m && /content_endpoint = .*\n/.test(m[2]) ? m : undefined;
  };
  const emu = await startEmulatorBin('dropbox-emulator', ['--print-config', name, ...args], { timeoutMs, ready });
  const config = emu.match[2];
  const options = Object.fromEntries(config.split('\n').slice(1, -1).map((line) => line.split(' = ')));
  return { ...emu, config, options };
}

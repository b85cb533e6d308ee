// The dropbox emulator as a separate process, for end-to-end tests: started with
// `--print-config`, so the test gets the config section a user would paste.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';
import { stopChild } from './acd-processes.mjs';

const EMULATOR_BIN = join(ROOT, 'packages/dropbox-emulator/bin/dropbox-emulator.js');

/**
 * Start `dropbox-emulator --port 0 --print-config NAME ...args`; resolves once the config
 * section has been printed, with `url`, `config` (the section's text), `options` (its
 * `option = value` lines as an object), `control(method, path, body)` and `stop()`.
 */
export function startDropboxEmulator(args = [], { name = 'dbx', timeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [EMULATOR_BIN, '--port', '0', '--print-config', name, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dropbox-emulator did not start: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^dropbox-emulator listening on (http:\/\/\S+)\n(\[[^\]]+\]\n(?:[a-z_]+ = .*\n)+)/.exec(out);
      // The section ends with content_endpoint, its last line.
      if (!m || !/content_endpoint = .*\n/.test(m[2])) return;
      clearTimeout(timer);
      const url = m[1];
      const options = Object.fromEntries(m[2].split('\n').slice(1, -1).map((line) => line.split(' = ')));
      resolve({
        url,
        child,
        config: m[2],
        options,
        control: (method, path, body) => control(url, method, path, body),
        stop: () => stopChild(child),
      });
    });
    child.on('exit', (code) => reject(new Error(`dropbox-emulator exited ${code}: ${stderr}`)));
  });
}

async function control(url, method, path, body) {
  const res = await fetch(`${url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} /_emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

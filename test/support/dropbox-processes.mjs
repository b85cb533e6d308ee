// The Dropbox emulator as a separate process for the end-to-end tests, and a
// config file with a remote on it made from the emulator's own --print-config
// section plus a token from its control endpoint (what the wizard would store).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';
import { stopChild } from './acd-processes.mjs';

const EMULATOR_BIN = join(ROOT, 'packages/dropbox-emulator/bin/dropbox-emulator.js');

/**
 * Start `dropbox-emulator --port 0 --print-config NAME ...args`; resolves once
 * the config section is printed, with `section` (the lines after the
 * listening line), `control(method, path, body)` and `stop()`.
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
      const m = /dropbox-emulator listening on (http:\/\/\S+)\n([\s\S]*content_endpoint = \S+\n)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1];
      resolve({
        url,
        child,
        section: m[2],
        control: (method, path, body) => control(url, method, path, body),
        stop: () => stopChild(child),
      });
    });
    child.on('exit', (code) => reject(new Error(`dropbox-emulator exited ${code}: ${stderr}`)));
  });
}

async function control(url, method, path, body) {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: { connection: 'close' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A token as rclone and rsyncish store it, issued by the emulator (to `clientId`, who alone may refresh it). */
export async function issuedToken(emu, { ttl = '1h', clientId } = {}) {
  const t = await emu.control('POST', 'token', { ttl, clientId });
  return JSON.stringify({ access_token: t.access_token, token_type: 'bearer', refresh_token: t.refresh_token, expiry: t.expiry });
}

/** Write `config` with the emulator's section for its remote, a fresh token for its client and `extra` option lines. */
export async function writeDropboxConfig(emu, config, extra = []) {
  const clientId = /^client_id = (.*)$/m.exec(emu.section)?.[1];
  writeFileSync(config, `${emu.section}token = ${await issuedToken(emu, { clientId })}\n${extra.map((l) => `${l}\n`).join('')}`, { mode: 0o600 });
}

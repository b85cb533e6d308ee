// Helpers for the Google Drive end-to-end tests: the drive emulator as a separate
// process, and a remote configured on it through the real OAuth browser step.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';
import { rsyncishInteractive, stopChild } from './acd-processes.mjs';

const EMULATOR_BIN = join(ROOT, 'packages/drive-emulator/bin/drive-emulator.js');
export const DRIVE_CLIENT_ID = 'e2e-drive-client.apps.googleusercontent.com';
export const DRIVE_CLIENT_SECRET = 'e2e-drive-secret';

/** Start `drive-emulator --port 0 ...args` and wait for its `listening on` line. */
export function startDriveEmulatorProcess(args = [], { timeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [EMULATOR_BIN, '--host', '127.0.0.1', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`drive-emulator did not start: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /drive-emulator listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1];
      resolve({
        url,
        child,
        /** The URL options that point a drive remote at this emulator. */
        urls: { endpoint: url, auth_url: `${url}/o/oauth2/auth`, token_url: `${url}/token` },
        control: (method, path, body) => control(url, method, path, body),
        stop: () => stopChild(child),
      });
    });
    child.on('exit', (code) => reject(new Error(`drive-emulator exited ${code}: ${stderr}`)));
  });
}

async function control(url, method, path, body) {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /_emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** `rsyncish config create NAME drive ...` through the real OAuth flow, against an emulator. */
export async function createDriveRemote(emu, config, name = 'gdrive', extra = []) {
  const r = await rsyncishInteractive([
    'config', 'create', name, 'drive',
    `client_id=${DRIVE_CLIENT_ID}`, `client_secret=${DRIVE_CLIENT_SECRET}`,
    `endpoint=${emu.urls.endpoint}`, `auth_url=${emu.urls.auth_url}`, `token_url=${emu.urls.token_url}`,
    ...extra,
  ], { config });
  if (r.code !== 0) throw new Error(`config create failed (${r.code}): ${r.stderr}`);
  return r;
}

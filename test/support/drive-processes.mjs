// Helpers for the Google Drive end-to-end tests: the drive emulator as a separate
// process, and a remote configured on it through the real OAuth browser step.
import { rsyncishInteractive } from './acd-processes.mjs';
import { startEmulatorBin } from './emulator-process.mjs';

export const DRIVE_CLIENT_ID = 'e2e-drive-client.apps.googleusercontent.com';
export const DRIVE_CLIENT_SECRET = 'e2e-drive-secret';

/** Start `drive-emulator --host 127.0.0.1 --port 0 ...args` and wait for its `listening on` line. */
export async function startDriveEmulatorProcess(args = [], options = {}) {
  const emu = await startEmulatorBin('drive-emulator', ['--host', '127.0.0.1', ...args], options);
  const { url } = emu;
  /** The URL options that point a drive remote at this emulator. */
  return { ...emu, urls: { endpoint: url, auth_url: `${url}/o/oauth2/auth`, token_url: `${url}/token` } };
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

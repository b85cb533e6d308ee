// Helpers for the ACD end-to-end tests: the emulator and the CLI as separate
// processes, and a stand-in "browser" that follows the OAuth link.
import { spawn } from 'node:child_process';
import { CLI } from '../helpers.mjs';
import { startEmulatorBin, stopChild } from './emulator-process.mjs';

export const CLIENT_ID = 'amzn1.application-oa2-client.e2e';
export const CLIENT_SECRET = 'e2e-secret';

/** Start `acd-emulator --port 0 ...args` and wait for its `listening on` line. */
export async function startEmulatorProcess(args = [], options = {}) {
  const emu = await startEmulatorBin('acd-emulator', args, options);
  const { url } = emu;
  /** The three URL options that point a remote at this emulator. */
  return { ...emu, urls: { endpoint: `${url}/drive/v1/`, auth_url: `${url}/ap/oa`, token_url: `${url}/auth/o2/token` } };
}

export { stopChild };

const LINK_RE = /go to the following link: (http:\/\/127\.0\.0\.1:\d+\/auth\?state=\S+)/;

/**
 * Act as the user's browser: open the local /auth link and follow every
 * redirect (to the emulator's authorize page, which approves at once, and
 * back to the redirect server). Returns the final page's text.
 */
export async function actAsBrowser(link) {
  const res = await fetch(link, { redirect: 'follow' });
  return res.text();
}

/**
 * Run `rsyncish ...args` with `input` written to stdin (then closed, unless
 * `keepOpen`); when a login link appears on stdout or stderr, follow it like a
 * browser. Resolves {code, stdout, stderr, page}.
 */
export function rsyncishInteractive(args, { config, env = {}, input = '', browse = true, answersAfterLogin } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, args, {
      env: { ...process.env, RSYNCISH_OAUTH_REDIRECT_PORT: '0', ...(config ? { RSYNCISH_CONFIG: config } : {}), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let page;
    let browsed = false;
    const watch = () => {
      const m = LINK_RE.exec(stdout) ?? LINK_RE.exec(stderr);
      if (!m || browsed || !browse) return;
      browsed = true;
      actAsBrowser(m[1]).then((text) => {
        page = text;
        if (answersAfterLogin !== undefined) child.stdin.end(answersAfterLogin);
      }, reject);
    };
    child.stdout.on('data', (d) => {
      stdout += d;
      watch();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      watch();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, page }));
    child.stdin.on('error', () => {});
    if (answersAfterLogin === undefined) child.stdin.end(input);
    else child.stdin.write(input);
  });
}

/** `rsyncish config create NAME acd ...` through the real OAuth flow, against an emulator. */
export async function createAcdRemote(emu, config, name = 'remote', extra = []) {
  const r = await rsyncishInteractive([
    'config', 'create', name, 'acd',
    `client_id=${CLIENT_ID}`, `client_secret=${CLIENT_SECRET}`,
    `endpoint=${emu.urls.endpoint}`, `auth_url=${emu.urls.auth_url}`, `token_url=${emu.urls.token_url}`,
    ...extra,
  ], { config });
  if (r.code !== 0) throw new Error(`config create failed (${r.code}): ${r.stderr}`);
  return r;
}

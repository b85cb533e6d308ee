// One way to run an emulator (packages/NAME/bin/NAME.js) as a separate process
// for the end-to-end tests: start it, wait for what it prints once it is up,
// talk to its /_emulator/* hooks, stop it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';

/**
 * Start `NAME --port 0 ...args`. `ready(stdout)` says when it is up: it returns
 * a match whose [1] is the URL (default: the `NAME listening on URL` line), or
 * nothing to wait for more. Resolves with `url`, `child`, `match`, `control` and `stop`.
 */
export function startEmulatorBin(name, args = [], { timeoutMs = 15_000, ready } = {}) {
  const bin = join(ROOT, `packages/${name}/bin/${name}.js`);
  const listening = new RegExp(`${name} listening on (http:\\/\\/\\S+)`);
  const isReady = ready ?? ((out) => listening.exec(out));
  const child = spawn(process.execPath, [bin, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr}`)), timeoutMs);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = isReady(out);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1];
      resolve({
        url,
        child,
        match,
        control: (method, path, body) => emulatorControl(url, method, path, body),
        stop: () => stopChild(child),
      });
    });
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${stderr}`)));
  });
}

/** A call to an emulator's `/_emulator/PATH` hook with a JSON body; its JSON answer, or a throw. */
export async function emulatorControl(url, method, path, body, retried = false) {
  let res;
  try {
    res = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    // A pooled keep-alive socket the emulator closed while idle: one fresh attempt.
    if (retried || err.cause?.code !== 'UND_ERR_SOCKET') throw err;
    return emulatorControl(url, method, path, body, true);
  }
  if (!res.ok) throw new Error(`${method} /_emulator/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

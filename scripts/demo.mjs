#!/usr/bin/env node
// npm run demo [-- acd|drive|dropbox]: the main job end to end with nothing but
// this clone. Starts the bundled emulator of the backend (Amazon Cloud Drive unless
// `drive` or `dropbox` is given), makes a remote on it through the real OAuth
// flow (this script plays the browser), copies docs/ to it, lists it, copies it
// back and checks every byte. Exits non-zero with the reason on failure.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'packages/cli/bin/run.cjs');
/** Each demo backend: its emulator and the options that point a remote at it. */
const BACKENDS = {
  acd: {
    emulator: 'acd-emulator',
    options: (u) => [`endpoint=${u}/drive/v1/`, `auth_url=${u}/ap/oa`, `token_url=${u}/auth/o2/token`],
  },
  drive: {
    emulator: 'drive-emulator',
    options: (u) => [`endpoint=${u}`, `auth_url=${u}/o/oauth2/auth`, `token_url=${u}/token`],
  },
  dropbox: {
    emulator: 'dropbox-emulator',
    options: (u) => [`api_endpoint=${u}`, `content_endpoint=${u}`, `auth_url=${u}/oauth2/authorize`, `token_url=${u}/oauth2/token`],
  },
};
const type = process.argv[2] ?? 'acd';
const backend = BACKENDS[type];
if (!backend) {
  console.error(`demo: unknown backend "${type}" (hint: npm run demo -- ${Object.keys(BACKENDS).join('|')})`);
  process.exit(2);
}
const emulatorName = backend.emulator;
const emulatorBin = join(root, `packages/${emulatorName}/bin/${emulatorName}.js`);
const work = mkdtempSync(join(tmpdir(), 'rsyncish-demo-'));
const env = { ...process.env, RSYNCISH_CONFIG: join(work, 'rsyncish.conf') };
const docs = join(root, 'docs');
const restored = join(work, 'restored');
let emulator;

class DemoFailure extends Error {}

function startEmulator() {
  const args = ['--port', '0', '--auto-approve', '--data', join(work, 'drive')];
  console.log(`$ ${emulatorName} ${args.join(' ')}`);
  const child = spawn(process.execPath, [emulatorBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new DemoFailure(`the emulator did not start within 10 s: ${err.trim()}`)), 10_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /-emulator listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        console.log(out.trim());
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new DemoFailure(`the emulator exited (${code}) before it was ready: ${err.trim()}`)));
  });
}

/** Run the CLI, echo the command and its output; when it prints a login link, open it like a browser would. */
function rsyncish(...args) {
  console.log(`\n$ rsyncish ${args.map(shellQuote).join(' ')}`);
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let seen = '';
    let browsing;
    const onData = (stream) => (d) => {
      stream.write(d);
      seen += d;
      const link = /go to the following link: (http:\/\/127\.0\.0\.1:\d+\/auth\?state=\S+)/.exec(seen)?.[1];
      if (link && !browsing) {
        browsing = fetch(link, { redirect: 'follow' }).then(async (res) => {
          const page = await res.text();
          console.log(`(demo, as the browser: opened the link, the page says "${/Success!|Failure!/.exec(page)?.[0] ?? res.status}")`);
        }, (err) => reject(new DemoFailure(`could not open the login link: ${err.message}`)));
      }
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new DemoFailure(`"rsyncish ${args.join(' ')}" exited with status ${code}`));
    });
  });
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

function md5Tree(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('md5').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

function compareTrees(a, b) {
  const want = md5Tree(a);
  const got = md5Tree(b);
  const problems = [];
  for (const [p, sum] of want) if (got.get(p) !== sum) problems.push(got.has(p) ? `${p} differs` : `${p} is missing`);
  for (const p of got.keys()) if (!want.has(p)) problems.push(`${p} is extra`);
  if (problems.length) throw new DemoFailure(`the copy back differs from docs/: ${problems.join(', ')}`);
  return want.size;
}

const started = Date.now();
try {
  emulator = await startEmulator();
  const u = emulator.url;
  await rsyncish('config', 'create', 'demo', type, 'client_id=demo-client', 'client_secret=demo-secret', ...backend.options(u));
  await rsyncish('copy', docs, 'demo:backup', '--stats', '0', '-v');
  await rsyncish('lsd', 'demo:');
  await rsyncish('ls', 'demo:backup');
  await rsyncish('copy', 'demo:backup', restored, '--stats', '0');
  const n = compareTrees(docs, restored);
  console.log(`\ndemo: the ${n} files copied back from demo:backup are byte-identical to docs/ (MD5 of each compared).`);
  console.log(`demo: OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(`\ndemo: FAILED: ${err instanceof DemoFailure ? err.message : err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  if (emulator && emulator.child.exitCode === null) {
    await new Promise((resolve) => {
      emulator.child.once('exit', resolve);
      emulator.child.kill('SIGTERM');
    });
  }
  rmSync(work, { recursive: true, force: true });
}

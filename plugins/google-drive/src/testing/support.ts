// Shared by this plugin's tests: a real drive emulator on 127.0.0.1, in its own process so its
// memory and garbage stay out of this one's (the testkit measures this process's memory and
// collects garbage every 25 ms while a large file streams), and a backend opened on it the way
// the CLI would (a BackendContext with options as parsed values), with short pacing.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackendContext, Logger } from '@rsyncish/core';
import type { DriveBackend } from '../backend.js';
import { createDriveBackend } from '../open-drive.js';
import { chunkedBody } from '@rsyncish/testkit';

export { collect, readAll } from '@rsyncish/testkit';

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** A token set from the emulator's control endpoint, as JSON for the `token` option. */
  token(): Promise<string>;
  stop(): Promise<void>;
}

/** Start `drive-emulator --host 127.0.0.1 --port 0 ...args` and wait for its listening line. */
export async function startEmulatorProcess(args: string[] = []): Promise<EmulatorProcess> {
  const main = createRequire(import.meta.url).resolve('@rsyncish/drive-emulator');
  const bin = join(dirname(main), '..', 'bin', 'drive-emulator.js');
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /drive-emulator listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`drive-emulator exited (${code}) before listening`)));
  });
  return {
    url,
    child,
    async token() {
      const res = await fetch(`${url}/_emulator/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ttl":"2h"}' });
      if (!res.ok) throw new Error(`POST /_emulator/tokens: ${res.status}`);
      const t = (await res.json()) as Record<string, string>;
      return JSON.stringify({ access_token: t['access_token'], token_type: t['token_type'], refresh_token: t['refresh_token'], expiry: t['expiry'] });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Harness {
  emu: EmulatorProcess;
  logs: string[];
  open(opts?: { root?: string; options?: BackendContext['options']; lowLevelRetries?: number }): Promise<DriveBackend>;
  stop(): Promise<void>;
}

export async function startHarness(args: string[] = []): Promise<Harness> {
  const emu = await startEmulatorProcess(args);
  const logs: string[] = [];
  const logger: Logger = {
    error: (m) => logs.push(`ERROR ${m}`),
    notice: (m) => logs.push(`NOTICE ${m}`),
    info: (m) => logs.push(`INFO ${m}`),
    debug: () => {},
  };
  const opened: DriveBackend[] = [];
  return {
    emu,
    logs,
    async open(o = {}) {
      const ctx: BackendContext = {
        remoteName: 'gdrive',
        root: o.root ?? '',
        rawRoot: o.root ?? '',
        options: {
          client_id: 'rsyncish-test',
          client_secret: 'secret',
          token: await emu.token(),
          endpoint: emu.url,
          auth_url: `${emu.url}/o/oauth2/auth`,
          token_url: `${emu.url}/token`,
          ...o.options,
        },
        logger,
        saveOptions: async () => {},
        now: () => Date.now(),
        globals: { lowLevelRetries: o.lowLevelRetries ?? 10, tpsLimit: 0, copyLinks: false, timeoutMs: 30_000 },
      };
      const b = await createDriveBackend(ctx, { minSleepMs: 1, maxSleepMs: 50 });
      opened.push(b);
      return b;
    },
    async stop() {
      for (const b of opened) await b.close();
      await emu.stop();
    },
  };
}

export async function put(b: DriveBackend, path: string, data: string | Buffer, modTime?: number) {
  const { stream, size } = chunkedBody(data, 64 * 1024);
  return b.put(path, stream, { size, modTime });
}

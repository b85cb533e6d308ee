// Shared by this plugin's tests: a real drive emulator on 127.0.0.1 and a backend opened on it
// the way the CLI would (a BackendContext with options as parsed values), with short pacing.
import { Readable } from 'node:stream';
import { startEmulator, type Emulator, type EmulatorOptions } from '@rsyncish/drive-emulator';
import type { BackendContext, Logger } from '@rsyncish/core';
import type { DriveBackend } from '../backend.js';
import { createDriveBackend } from '../open-drive.js';

export interface Harness {
  emu: Emulator;
  logs: string[];
  open(opts?: { root?: string; options?: BackendContext['options']; lowLevelRetries?: number }): Promise<DriveBackend>;
  stop(): Promise<void>;
}

export async function startHarness(emulator: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', saveDebounceMs: 10, ...emulator });
  const logs: string[] = [];
  const logger: Logger = {
    error: (m) => logs.push(`ERROR ${m}`),
    notice: (m) => logs.push(`NOTICE ${m}`),
    info: (m) => logs.push(`INFO ${m}`),
    debug: (m) => logs.push(`DEBUG ${m}`),
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
          token: JSON.stringify(emu.control.issueToken()),
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

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function put(b: DriveBackend, path: string, data: string | Buffer, modTime?: number) {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const parts = [];
  for (let i = 0; i < buf.length; i += 64 * 1024) parts.push(buf.subarray(i, i + 64 * 1024));
  return b.put(path, Readable.from(parts), { size: buf.length, modTime });
}

// Shared by this plugin's tests: a real emulator on 127.0.0.1 and a backend opened on it the
// way the CLI would (a BackendContext with options as parsed values).
import { startEmulator, type Emulator, type EmulatorOptions } from '@rsyncish/dropbox-emulator';
import type { BackendContext } from '@rsyncish/core';
import type { DropboxBackend } from '../backend.js';
import { createDropboxBackend } from '../open-dropbox.js';
import { chunkedBody, lineLogger } from '@rsyncish/testkit';

export { chunkedBody as body, collect, readAll } from '@rsyncish/testkit';

export interface Harness {
  emu: Emulator;
  /** The token blobs the backend saved, newest last. */
  saved: string[];
  logs: string[];
  open(opts?: { root?: string; options?: BackendContext['options']; lowLevelRetries?: number; transfers?: number; token?: string }): Promise<DropboxBackend>;
  stop(): Promise<void>;
}

export async function startHarness(emulator: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', saveDebounceMs: 10, ...emulator });
  const saved: string[] = [];
  const logs: string[] = [];
  const logger = lineLogger(logs);
  const opened: DropboxBackend[] = [];
  return {
    emu,
    saved,
    logs,
    async open(o = {}) {
      const token = o.token ?? JSON.stringify(emu.control.issueToken({ clientId: 'rsyncish-test' }));
      const ctx: BackendContext = {
        remoteName: 'dbx',
        root: o.root ?? '',
        rawRoot: o.root ?? '',
        options: {
          client_id: 'rsyncish-test',
          client_secret: 'secret',
          token,
          auth_url: `${emu.url}/oauth2/authorize`,
          token_url: `${emu.url}/oauth2/token`,
          api_endpoint: emu.url,
          content_endpoint: emu.url,
          ...o.options,
        },
        logger,
        saveOptions: async (values) => {
          if (values['token']) saved.push(values['token']);
        },
        now: () => Date.now(),
        globals: { lowLevelRetries: o.lowLevelRetries ?? 10, tpsLimit: 0, copyLinks: false, timeoutMs: 30_000, transfers: o.transfers ?? 4 },
      };
      const b = await createDropboxBackend(ctx);
      opened.push(b);
      return b;
    },
    async stop() {
      for (const b of opened) await b.close();
      await emu.stop();
    },
  };
}

export async function put(b: DropboxBackend, path: string, data: string | Buffer, modTime?: number) {
  const { stream, size } = chunkedBody(data);
  return b.put(path, stream, { size, modTime });
}

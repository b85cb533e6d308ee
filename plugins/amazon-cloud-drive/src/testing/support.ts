// Shared by this plugin's tests: a real emulator on 127.0.0.1 and a backend opened on it the way
// the CLI would (a BackendContext with options as parsed values), with rclone's fixed waits shortened.
import { startEmulator, type Emulator, type EmulatorOptions } from '@rsyncish/acd-emulator';
import { silentLogger, type BackendContext } from '@rsyncish/core';
import type { AcdBackend } from '../backend.js';
import { createAcdBackend } from '../open-acd.js';
import type { AcdInternals } from '../internals.js';
import { chunkedBody, lineLogger } from '@rsyncish/testkit';

export { chunkedBody as body, collect, readAll } from '@rsyncish/testkit';

export const FAST: Partial<AcdInternals> = {
  uploadPollMs: 50,
  moveSettleMs: 5,
  movePollMs: 20,
  unavailableFolderWaitMs: 5,
  pacer: { minSleepMs: 1, maxSleepMs: 20 },
};

export interface Harness {
  emu: Emulator;
  /** The token blobs the backend saved, newest last. */
  saved: string[];
  /** Checkpoints of the changes feed the backend saved. */
  checkpoints: string[];
  logs: string[];
  open(opts?: { root?: string; options?: BackendContext['options']; internals?: Partial<AcdInternals>; lowLevelRetries?: number; tpsLimit?: number; token?: string }): Promise<AcdBackend>;
  stop(): Promise<void>;
}

export async function startHarness(emulator: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', saveDebounceMs: 10, ...emulator });
  const saved: string[] = [];
  const checkpoints: string[] = [];
  const logs: string[] = [];
  const logger = lineLogger(logs);
  const opened: AcdBackend[] = [];
  return {
    emu,
    saved,
    checkpoints,
    logs,
    async open(o = {}) {
      const token = o.token ?? JSON.stringify(emu.control.issueToken());
      const ctx: BackendContext = {
        remoteName: 'acd',
        root: o.root ?? '',
        rawRoot: o.root ?? '',
        options: {
          client_id: 'rsyncish-test',
          client_secret: 'secret',
          token,
          endpoint: `${emu.url}/drive/v1/`,
          auth_url: `${emu.url}/ap/oa`,
          token_url: `${emu.url}/auth/o2/token`,
          ...o.options,
        },
        logger: logger ?? silentLogger,
        saveOptions: async (values) => {
          if (values['token']) saved.push(values['token']);
          if (values['checkpoint']) checkpoints.push(values['checkpoint']);
        },
        now: () => Date.now(),
        globals: { lowLevelRetries: o.lowLevelRetries ?? 10, tpsLimit: o.tpsLimit ?? 0, copyLinks: false, timeoutMs: 30_000 },
      };
      const b = await createAcdBackend(ctx, { ...FAST, ...o.internals });
      opened.push(b);
      return b;
    },
    async stop() {
      for (const b of opened) await b.close();
      await emu.stop();
    },
  };
}

export async function put(b: AcdBackend, path: string, data: string | Buffer) {
  const { stream, size } = chunkedBody(data);
  return b.put(path, stream, { size });
}

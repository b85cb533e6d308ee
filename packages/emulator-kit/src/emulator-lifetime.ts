import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveHttp } from './http-server.js';
import type { ServeOptions } from './http-server.js';
import type { RunningEmulator } from './emulator-options.js';

export interface DataDir {
  path: string;
  /** Given by the caller: kept on stop. Otherwise a temp dir that stop() removes. */
  persistent: boolean;
}

/** The emulator's data folder: the one asked for (made if missing), or a fresh temp dir named `PREFIX…`. */
export async function openDataDir(asked: string | undefined, tempPrefix: string): Promise<DataDir> {
  const persistent = asked !== undefined;
  const path = persistent ? resolve(asked) : await mkdtemp(join(tmpdir(), tempPrefix));
  await mkdir(path, { recursive: true });
  return { path, persistent };
}

/** The tokens as last saved: the snapshot's, replaced by each journal record that carries them. */
export function latestTokens<T>(saved: T | undefined, records: readonly { tokens?: T }[]): T | undefined {
  let tokens = saved;
  for (const r of records) tokens = r.tokens ?? tokens;
  return tokens;
}

export interface ListenOptions extends ServeOptions {
  dataDir: DataDir;
  /** Writes state to disk now. */
  flush(): Promise<void>;
}

/**
 * Serves an emulator's handler and gives it its lifetime: stop() stops listening,
 * then saves, then removes a temp data dir; calling it again waits for the same stop.
 */
export async function listenEmulator(handle: (req: IncomingMessage, res: ServerResponse) => void, opts: ListenOptions): Promise<RunningEmulator> {
  const http = await serveHttp(handle, opts);
  const { flush, dataDir } = opts;
  let stopping: Promise<void> | undefined;
  return {
    url: http.origin,
    host: http.host,
    port: http.port,
    dataDir: dataDir.path,
    flush,
    stop(): Promise<void> {
      stopping ??= (async () => {
        await http.close();
        await flush();
        if (!dataDir.persistent) await rm(dataDir.path, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

import { join } from 'node:path';
import { Journal, RequestLog, StateFile, oauthSettings, latestTokens, listenEmulator, openDataDir } from '@rsyncish/emulator-kit';
import type { EmulatorBaseOptions, RunningEmulator } from '@rsyncish/emulator-kit';
import type { App } from './context.js';
import { EmulatorControl } from './control.js';
import type { FaultPatch } from './control.js';
import { Drive } from './drive.js';
import { DEFAULT_FAULTS, FaultInjector, parseFaultPatch } from './faults.js';
import type { FaultSettings } from './faults.js';
import { PageTokens } from './paging.js';
import { createRouter } from './router.js';
import { allRoutes } from './routes.js';
import { BlobStore } from './store/blob-store.js';
import { MetadataStore } from './store/metadata-store.js';
import type { MetadataChange, MetadataSnapshot } from './store/metadata-store.js';
import type { StoredNode } from './store/node.js';
import { TempLinks } from './temp-links.js';
import { TokenStore } from './tokens.js';
import type { TokenSnapshot } from './tokens.js';

export interface EmulatorOptions extends EmulatorBaseOptions {
  /** Initial fault settings (sizes and durations may be strings). */
  faults?: FaultPatch;
}

export interface Emulator extends RunningEmulator {
  readonly control: EmulatorControl;
}

interface SavedState {
  format: 1;
  metadata: MetadataSnapshot;
  tokens: TokenSnapshot;
}

/** One journal line: the nodes changed since the line before, and the tokens when they changed. */
interface SavedChange {
  metadata: MetadataChange;
  tokens?: TokenSnapshot;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const now = (): number => Date.now();
  const data = await openDataDir(options.dataDir, 'acd-emulator-');
  const dataDir = data.path;

  const initialFaults: FaultSettings = { ...structuredClone(DEFAULT_FAULTS), ...parseFaultPatch((options.faults ?? {}) as Record<string, unknown>) };
  const faults = new FaultInjector(initialFaults, now);
  const blobs = new BlobStore(dataDir);
  await blobs.init();

  // What changed since the last journal record or snapshot; the state file takes it as a record.
  const changedNodes = new Map<string, StoredNode>();
  let tokensChanged = false;
  // The state file reads the store and tokens lazily, so they can be built after it.
  let snapshot: () => SavedState = () => { throw new Error('not ready'); };
  let takeRecord: () => SavedChange | undefined = () => undefined;
  const stateFile = new StateFile<SavedState, SavedChange>(
    join(dataDir, 'metadata.json'), () => snapshot(), new Journal(join(dataDir, 'journal.jsonl')), () => takeRecord(),
    options.saveDebounceMs ?? 200, () => blobs.collectRetired(), 'acd-emulator',
  );
  const store = new MetadataStore((node) => {
    changedNodes.set(node.id, node);
    stateFile.markDirty();
  }, now);
  const tokens = new TokenStore(() => {
    tokensChanged = true;
    stateFile.markDirty();
  }, now);
  snapshot = () => ({ format: 1, metadata: store.snapshot(), tokens: tokens.snapshot() });
  takeRecord = () => {
    if (changedNodes.size === 0 && !tokensChanged) return undefined;
    const record: SavedChange = { metadata: store.changeOf(changedNodes.values()), ...(tokensChanged ? { tokens: tokens.snapshot() } : {}) };
    changedNodes.clear();
    tokensChanged = false;
    return record;
  };

  const { snapshot: saved, records } = await stateFile.load();
  if (saved !== undefined && saved.format !== 1) throw new Error(`unsupported metadata format in ${dataDir}`);
  store.init(saved?.metadata, records.map((r) => r.metadata));
  tokens.load(latestTokens(saved?.tokens, records));
  const referenced = new Set<string>();
  for (const node of store.all()) if (node.content && node.status !== 'PURGED') referenced.add(node.content.blob);
  await blobs.sweep(referenced);
  if (!saved || records.length > 0) stateFile.markDirty();

  const oauth = oauthSettings(options);

  const app: App = {
    store,
    drive: new Drive(store, blobs, () => faults.settings.listingLagMs, now),
    blobs,
    tokens,
    faults,
    pages: new PageTokens(now),
    tempLinks: new TempLinks(now),
    presigned: new TempLinks(now),
    requests: new RequestLog(),
    oauth,
    boundOrigin: '',
    now,
    commit: () => stateFile.commit(),
  };
  const control = new EmulatorControl(app);
  const flush = (): Promise<void> => stateFile.flush();
  const handle = createRouter(app, allRoutes(control, flush), { log: options.log });

  const running = await listenEmulator((req, res) => void handle(req, res), {
    host,
    port: options.port ?? 0,
    clientErrorBody: (status, message) => ({ message, code: status === 431 ? 'HEADERS_TOO_LARGE' : 'INVALID_INPUT' }),
    dataDir: data,
    flush,
  });
  app.boundOrigin = running.url;
  return { ...running, control };

}

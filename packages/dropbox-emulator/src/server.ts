import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Journal, oauthSettings, StateFile, latestTokens, listenEmulator, openDataDir } from '@rsyncish/emulator-kit';
import type { EmulatorBaseOptions, RunningEmulator } from '@rsyncish/emulator-kit';
import { BatchJobs } from './batch-jobs.js';
import type { Account, App } from './context.js';
import { EmulatorControl } from './control.js';
import { DEFAULT_FAULTS, FaultInjector, parseFaultPatch } from './faults.js';
import type { FaultPatch, FaultSettings } from './faults.js';
import { createRouter } from './router.js';
import { allRoutes } from './routes.js';
import { BlobStore } from './store/blobs.js';
import { Tree } from './store/tree.js';
import type { TreeChange, TreeSnapshot } from './store/tree.js';
import { TokenStore } from './tokens.js';
import type { TokenSnapshot } from './tokens.js';
import { UploadSessions } from './upload-sessions.js';

export interface EmulatorOptions extends EmulatorBaseOptions {
  /** Initial fault settings (sizes may be strings). Access tokens last 4 h unless tokenTtl says. */
  faults?: FaultPatch;
}

export interface Emulator extends RunningEmulator {
  readonly control: EmulatorControl;
}

interface SavedState {
  format: 1;
  tree: TreeSnapshot;
  tokens: TokenSnapshot;
}

/** One journal line: the tree's changes since the line before, and the tokens when they changed. */
interface SavedChange {
  tree?: TreeChange;
  tokens?: TokenSnapshot;
}

/** Stable per data folder, so a restarted emulator is the same account. */
function accountFor(dataDir: string): Account {
  const h = createHash('sha256').update(dataDir).digest();
  return {
    accountId: `dbid:${h.subarray(0, 30).toString('base64url').slice(0, 40)}`,
    uid: String(h.readUInt32BE(0)),
    namespaceId: String(h.readUInt32BE(4)),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const now = (): number => Date.now();
  const data = await openDataDir(options.dataDir, 'dropbox-emulator-');
  const dataDir = data.path;

  const faults = new FaultInjector({ ...structuredClone(DEFAULT_FAULTS), ...parseFaultPatch((options.faults ?? {}) as Record<string, unknown>) } as FaultSettings, now);
  const blobs = new BlobStore(dataDir);
  await blobs.init();

  let tokensChanged = false;
  // The state file reads the tree and tokens lazily, so they can be built after it.
  let snapshot: () => SavedState = () => { throw new Error('not ready'); };
  let takeRecord: () => SavedChange | undefined = () => undefined;
  const stateFile = new StateFile<SavedState, SavedChange>(
    join(dataDir, 'state.json'), () => snapshot(), new Journal(join(dataDir, 'journal.jsonl')), () => takeRecord(),
    options.saveDebounceMs ?? 1000,
  );
  const tree = new Tree(() => stateFile.markDirty());
  const tokens = new TokenStore(() => {
    tokensChanged = true;
    stateFile.markDirty();
  }, now);
  snapshot = () => ({ format: 1, tree: tree.snapshot(), tokens: tokens.snapshot() });
  takeRecord = () => {
    const change = tree.takeChange();
    if (!change && !tokensChanged) return undefined;
    const record: SavedChange = { ...(change ? { tree: change } : {}), ...(tokensChanged ? { tokens: tokens.snapshot() } : {}) };
    tokensChanged = false;
    return record;
  };

  const { snapshot: saved, records } = await stateFile.load();
  if (saved !== undefined && saved.format !== 1) throw new Error(`unsupported state format in ${dataDir}`);
  tree.load(saved?.tree, records.flatMap((r) => (r.tree ? [r.tree] : [])));
  tokens.load(latestTokens(saved?.tokens, records));
  const referenced = new Set<string>();
  for (const e of tree.all()) if (e.file) referenced.add(e.file.contentHash);
  await blobs.sweep(referenced);
  if (!saved || records.length > 0) stateFile.markDirty();

  // Dropbox's short-lived access tokens last 4 hours.
  const oauth = oauthSettings({ ...options, tokenTtl: options.tokenTtl ?? 4 * 3_600_000 });

  const app: App = {
    tree,
    blobs,
    tokens,
    faults,
    sessions: new UploadSessions(blobs.sessionDir, () => faults.settings.maxFileSize),
    jobs: new BatchJobs(),
    oauth,
    account: accountFor(dataDir),
    now,
    // Blob names first: the journal record about to be written refers to them.
    commit: async () => {
      await blobs.syncNames();
      await stateFile.commit();
    },
  };
  const control = new EmulatorControl(app);
  const flush = (): Promise<void> => stateFile.flush();
  const handle = createRouter(app, allRoutes(control, flush), options.log);

  const running = await listenEmulator((req, res) => void handle(req, res), {
    host,
    port: options.port ?? 0,
    // Requests Node cannot parse never reach the API; Dropbox documents no shape for them.
    clientErrorBody: (_status, message) => ({ error: message }),
    dataDir: data,
    flush,
  });
  return { ...running, control };
}

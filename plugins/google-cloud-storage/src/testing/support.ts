// This plugin's test helpers: a gcs-emulator in this process and contexts that point a backend at it.
import { generateKeyPairSync } from 'node:crypto';
import { silentLogger, type BackendContext } from '@rsyncish/core';
import { startGcsEmulator, type GcsEmulator, type GcsEmulatorOptions } from '@rsyncish/gcs-emulator';

export const MiB = 1024 * 1024;

/** A service account key as Google's console gives it, made here, its token_uri the emulator's. */
export function makeServiceAccountKey(tokenUri: string, email = `rsyncish-test@demo-${process.pid}.iam.gserviceaccount.com`): Record<string, string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type: 'service_account',
    project_id: `demo-${process.pid}`,
    private_key_id: 'k1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: email,
    client_id: '1',
    token_uri: tokenUri,
  };
}

export interface GcsHarness {
  emulator: GcsEmulator;
  /** The key of a service account the emulator trusts. */
  key: Record<string, string>;
  context(options?: Record<string, string | number | boolean | undefined>, root?: string, lowLevelRetries?: number): BackendContext;
  stop(): Promise<void>;
}

let buckets = 0;
/** A bucket name no other test of this process uses. */
export function uniqueBucket(tag: string): string {
  return `${tag}-${process.pid}-${++buckets}`;
}

/** An emulator that requires auth, and contexts signed in with a service account it trusts. */
export async function startHarness(options: GcsEmulatorOptions = {}): Promise<GcsHarness> {
  const emulator = await startGcsEmulator({ requireAuth: true, ...options });
  const key = makeServiceAccountKey(emulator.tokenUrl);
  emulator.addServiceAccount(key);
  return {
    emulator,
    key,
    context(extra = {}, root = '', lowLevelRetries = 3) {
      return {
        remoteName: 'gcstest',
        root,
        rawRoot: root,
        options: {
          endpoint: emulator.endpoint,
          project_number: emulator.projectNumber,
          service_account_credentials: JSON.stringify(key),
          ...extra,
        },
        logger: silentLogger,
        saveOptions: async () => {},
        now: () => Date.now(),
        globals: { lowLevelRetries, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
      };
    },
    stop: () => emulator.stop(),
  };
}

// This plugin's test helpers: a Swift context on the local Swift; the rest is shared with s3's tests.
import { silentLogger, type BackendContext } from '@rsyncish/core';
import { ENDPOINT, rcloneRunner as rcloneWith, tempDir as tempDirFor, uniqueName } from '@rsyncish/object-store-testing';

export { collect, ENDPOINT, generated, hasRclone, MiB, peakRssGrowth, readAll, startServer } from '@rsyncish/object-store-testing';
export const AUTH_URL = `${ENDPOINT}/auth/v1.0`;
export const USER = 'test:tester';
export const KEY = 'testing';

/** A container name no other test uses. */
export const uniqueContainer = uniqueName;

export function swiftContext(options: Record<string, string | number | boolean | undefined>, root = '', lowLevelRetries = 3): BackendContext {
  return {
    remoteName: 'swtest',
    root,
    rawRoot: root,
    options: { user: USER, key: KEY, auth: AUTH_URL, ...options },
    logger: silentLogger,
    saveOptions: async () => {},
    now: () => Date.now(),
    globals: { lowLevelRetries, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
}

export function tempDir(): string {
  return tempDirFor('swift');
}

/** rclone 1.60 with a remote `sw:` on the local Swift. */
export function rcloneRunner(dir: string): (args: string[]) => Promise<string> {
  return rcloneWith(dir, ['[sw]', 'type = swift', `user = ${USER}`, `key = ${KEY}`, `auth = ${AUTH_URL}`]);
}

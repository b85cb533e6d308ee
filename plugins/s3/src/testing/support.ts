// This plugin's test helpers: an S3 context on the local Swift's s3api; the rest is shared with swift's tests.
import { silentLogger, type BackendContext } from '@rsyncish/core';
import { ENDPOINT, rcloneRunner as rcloneWith, tempDir as tempDirFor, uniqueName } from '@rsyncish/object-store-testing';

export { collect, ENDPOINT, generated, hasRclone, MiB, peakRssGrowth, readAll, startServer } from '@rsyncish/object-store-testing';
export const ACCESS_KEY = 'test:tester';
export const SECRET_KEY = 'testing';

/** A bucket name no other test uses. */
export const uniqueBucket = uniqueName;

export function s3Context(options: Record<string, string | number | boolean | undefined>, root = '', lowLevelRetries = 3): BackendContext {
  return {
    remoteName: 's3test',
    root,
    rawRoot: root,
    options: { provider: 'Other', endpoint: ENDPOINT, access_key_id: ACCESS_KEY, secret_access_key: SECRET_KEY, region: 'us-east-1', ...options },
    logger: silentLogger,
    saveOptions: async () => {},
    now: () => Date.now(),
    globals: { lowLevelRetries, tpsLimit: 0, copyLinks: false, timeoutMs: 0 },
  };
}

export function tempDir(): string {
  return tempDirFor('s3');
}

/** rclone 1.60 with a remote `s3:` on the local s3api. */
export function rcloneRunner(dir: string): (args: string[]) => Promise<string> {
  return rcloneWith(dir, [
    '[s3]', 'type = s3', 'provider = Other', `endpoint = ${ENDPOINT}`, 'force_path_style = true', 'region = us-east-1',
    `access_key_id = ${ACCESS_KEY}`, `secret_access_key = ${SECRET_KEY}`,
  ]);
}

import { cleanRemotePath, globalTpsLimiter, HttpClient, Pacer, type BackendContext } from '@rsyncish/core';
import { SwiftAuth } from './auth.js';
import { readSwiftOptions } from './options.js';
import { SwiftBackend } from './swift-backend.js';
import { SwiftClient } from './swift-client.js';
import { createSwiftErrorMapper } from './swift-errors.js';

/** Build a SwiftBackend for one remote: options, auth, HTTP client and pacer. */
export function openSwift(ctx: BackendContext): SwiftBackend {
  const options = readSwiftOptions(ctx.options);
  const pacer = new Pacer({
    // rclone's swift pacer (lib/pacer S3): 10 ms apart, doubling on failure up to 2 s.
    settings: { minSleepMs: 10, maxSleepMs: 2000, decayConstant: 2, attackConstant: 1 },
    attempts: ctx.globals.lowLevelRetries,
    tps: globalTpsLimiter(ctx.globals.tpsLimit),
    logger: ctx.logger,
  });
  const http = new HttpClient({
    userAgent: 'rsyncish',
    mapError: createSwiftErrorMapper(),
    timeoutMs: ctx.globals.timeoutMs > 0 ? ctx.globals.timeoutMs : undefined,
    transport: ctx.globals.http,
  });
  const auth = new SwiftAuth(options, http);
  const root = cleanRemotePath(ctx.root);
  return new SwiftBackend({
    name: `${ctx.remoteName}:${root}`,
    remoteName: ctx.remoteName,
    root,
    options,
    client: new SwiftClient(http, auth, pacer),
    logger: ctx.logger,
    now: ctx.now,
  });
}

import { cleanRemotePath, httpClientFor, pacerFor, type BackendContext } from '@rsyncish/core';
import { SwiftAuth } from './auth.js';
import { readSwiftOptions } from './options.js';
import { SwiftBackend } from './swift-backend.js';
import { SwiftClient } from './swift-client.js';
import { createSwiftErrorMapper } from './swift-errors.js';

/** Build a SwiftBackend for one remote: options, auth, HTTP client and pacer. */
export function openSwift(ctx: BackendContext): SwiftBackend {
  const options = readSwiftOptions(ctx.options);
  // rclone's swift pacer (lib/pacer S3): 10 ms apart, doubling on failure up to 2 s.
  const pacer = pacerFor(ctx, { settings: { minSleepMs: 10, maxSleepMs: 2000, decayConstant: 2, attackConstant: 1 } });
  const http = httpClientFor(ctx, { userAgent: 'rsyncish', mapError: createSwiftErrorMapper() });
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

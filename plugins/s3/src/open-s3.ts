import { cleanRemotePath, ConfigError, pacerFor, type BackendContext } from '@rsyncish/core';
import { resolveCredentials } from './credentials.js';
import { readS3Options } from './options.js';
import { S3Backend } from './s3-backend.js';
import { S3Client } from './s3-client.js';
import { createSigner } from './signer.js';

/** Build an S3Backend for one remote: options, credentials, signer, HTTP client and pacer. */
export async function openS3(ctx: BackendContext): Promise<S3Backend> {
  const options = readS3Options(ctx.options);
  const endpoint = endpointUrl(options.endpoint, options.provider, options.region);
  const credentials = await resolveCredentials(options);
  const signer = credentials ? await createSigner(credentials, options.region) : undefined;
  // rclone's s3 pacer (lib/pacer S3): 10 ms apart, doubling on failure up to 2 s.
  const pacer = pacerFor(ctx, { settings: { minSleepMs: 10, maxSleepMs: 2000, decayConstant: 2, attackConstant: 1 } });
  const client = new S3Client({
    endpoint,
    forcePathStyle: options.forcePathStyle,
    signer,
    pacer,
    timeoutMs: ctx.globals.timeoutMs > 0 ? ctx.globals.timeoutMs : undefined,
    transport: ctx.globals.http,
  });
  const root = cleanRemotePath(ctx.root);
  return new S3Backend({
    name: `${ctx.remoteName}:${root}`,
    remoteName: ctx.remoteName,
    root,
    options,
    client,
    logger: ctx.logger,
    now: ctx.now,
  });
}

/** The endpoint option as a URL; AWS's own when blank. */
export function endpointUrl(endpoint: string, provider: string, region: string): URL {
  let text = endpoint;
  if (!text) {
    if (provider.toLowerCase() !== 'aws') {
      throw new ConfigError(`s3: endpoint is required for provider ${provider}`, { hint: 'set endpoint, e.g. endpoint = http://127.0.0.1:18080' });
    }
    text = region === 'us-east-1' ? 'https://s3.amazonaws.com' : `https://s3.${region}.amazonaws.com`;
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url;
  } catch {
    throw new ConfigError(`s3: endpoint ${JSON.stringify(endpoint)} is not an http(s) URL`, { hint: 'use a URL like https://s3.example.com or http://127.0.0.1:18080' });
  }
}

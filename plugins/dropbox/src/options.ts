import { ConfigError, defineOptions, NameCodec, oauthTokenOptions, type BackendContext } from '@rsyncish/core';

export const DEFAULT_AUTH_URL = 'https://www.dropbox.com/oauth2/authorize';
export const DEFAULT_TOKEN_URL = 'https://api.dropboxapi.com/oauth2/token';
export const DEFAULT_API_ENDPOINT = 'https://api.dropboxapi.com';
export const DEFAULT_CONTENT_ENDPOINT = 'https://content.dropboxapi.com';
/** rclone's default for dropbox: `/` and `\` are invalid there, trailing spaces and DEL are lost, JSON cannot carry invalid UTF-8. */
export const DEFAULT_ENCODING = 'Slash,BackSlash,Del,RightSpace,InvalidUtf8,Dot';
/** Dropbox refuses a single upload request over 150 MiB. */
export const MAX_CHUNK_SIZE = 150 * 1024 * 1024;
/** Dropbox's finish_batch takes at most 1000 entries. */
export const MAX_BATCH_SIZE = 1000;

/** The options of the `dropbox` backend, named as rclone's dropbox backend names them. */
export const dropboxOptions = defineOptions({
  client_id: {
    help: 'OAuth Client Id (the App key of your Dropbox app). Leave blank for an emulator that accepts any client.',
    type: 'string',
  },
  client_secret: {
    help: 'OAuth Client Secret (the App secret). Leave blank for an emulator that accepts any client.',
    type: 'string',
    secret: true,
  },
  ...oauthTokenOptions(DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL),
  chunk_size: {
    help: 'Upload chunk size (< 150Mi). Files larger than this are uploaded in chunks of this size, each held in memory so it can be sent again.',
    type: 'size',
    default: '48Mi',
    advanced: true,
  },
  batch_mode: {
    help: 'Upload file batching sync|async|off: commit uploads in batches (sync: as many as --transfers, async: 100), or one by one.',
    type: 'string',
    default: 'sync',
    advanced: true,
    examples: [
      { value: 'sync', help: 'Batch uploads, as many as --transfers, committed after 500ms idle.' },
      { value: 'async', help: 'Batch uploads, 100 at a time, committed after 10s idle.' },
      { value: 'off', help: 'No batching: each upload commits itself.' },
    ],
    exclusive: true,
  },
  batch_size: {
    help: 'Max number of files in an upload batch (< 1000); 0 picks it from batch_mode.',
    type: 'int',
    default: '0',
    advanced: true,
  },
  batch_timeout: {
    help: 'Max time an idle upload batch waits before it is committed; 0 picks it from batch_mode.',
    type: 'duration',
    default: '0s',
    advanced: true,
  },
  batch_commit_timeout: {
    help: 'Max time to wait for a batch to finish committing.',
    type: 'duration',
    default: '10m',
    advanced: true,
  },
  api_endpoint: {
    help: 'Base URL of the RPC API (`<api_endpoint>/2/files/...`). Change it to use the emulator.',
    type: 'string',
    default: DEFAULT_API_ENDPOINT,
    advanced: true,
  },
  content_endpoint: {
    help: 'Base URL of the content API (uploads and downloads). Change it to use the emulator.',
    type: 'string',
    default: DEFAULT_CONTENT_ENDPOINT,
    advanced: true,
  },
  encoding: {
    help: 'How names the server cannot store are written (rclone\'s encoding flags). See docs/backends/dropbox.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

export const DROPBOX_OPTIONS = dropboxOptions.specs;

export type BatchMode = 'sync' | 'async' | 'off';

export interface DropboxOptions {
  clientId: string;
  clientSecret: string;
  token?: string;
  authUrl: string;
  tokenUrl: string;
  chunkSize: number;
  batchMode: BatchMode;
  /** 0: from batch_mode and --transfers. */
  batchSize: number;
  /** ms; 0: from batch_mode. */
  batchTimeoutMs: number;
  batchCommitTimeoutMs: number;
  /** Without a trailing slash or `/2`. */
  apiEndpoint: string;
  contentEndpoint: string;
  names: NameCodec;
}

/** Options from a BackendContext, defaults applied and limits checked as rclone checks them. */
export function readDropboxOptions(ctx: Pick<BackendContext, 'options' | 'remoteName'>): DropboxOptions {
  const where = `remote "${ctx.remoteName}"`;
  const o = dropboxOptions.read(ctx.options, where);
  for (const key of ['api_endpoint', 'content_endpoint', 'auth_url', 'token_url'] as const) {
    if (!URL.canParse(o[key])) {
      throw new ConfigError(`option ${key} of ${where} is not a URL: "${o[key]}"`, { hint: 'give an absolute http(s) URL' });
    }
  }
  if (o.chunk_size < 1 || o.chunk_size > MAX_CHUNK_SIZE) {
    throw new ConfigError(`option chunk_size of ${where} must be between 1 and 150Mi, not ${o.chunk_size} bytes`, {
      hint: 'Dropbox refuses larger requests; the default is 48Mi',
    });
  }
  if (o.batch_size < 0 || o.batch_size >= MAX_BATCH_SIZE) {
    throw new ConfigError(`option batch_size of ${where} must be >= 0 and < ${MAX_BATCH_SIZE}, not ${o.batch_size}`, {
      hint: '0 picks a size from batch_mode',
    });
  }
  return {
    clientId: o.client_id,
    clientSecret: o.client_secret,
    token: o.token || undefined,
    authUrl: o.auth_url,
    tokenUrl: o.token_url,
    chunkSize: o.chunk_size,
    batchMode: (o.batch_mode || 'sync') as BatchMode,
    batchSize: o.batch_size,
    batchTimeoutMs: o.batch_timeout,
    batchCommitTimeoutMs: o.batch_commit_timeout,
    apiEndpoint: apiBase(o.api_endpoint),
    contentEndpoint: apiBase(o.content_endpoint),
    names: NameCodec.parse(o.encoding, `option encoding of ${where}`),
  };
}

/** `https://host`, `https://host/` and `https://host/2/` all mean the host; calls add `/2/...`. */
function apiBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/2$/, '');
}

import { ConfigError, defineOptions, NameCodec, oauthTokenOptions, type BackendContext } from '@rsyncish/core';

export const DEFAULT_AUTH_URL = 'https://www.amazon.com/ap/oa';
export const DEFAULT_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
export const DEFAULT_ENDPOINT = 'https://drive.amazonaws.com/drive/v1/';
/** rclone's default for acd: Base, and invalid UTF-8 as ‛XX because JSON cannot carry it. */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8,Dot';

/** The options of the `acd` backend, named as rclone's amazon cloud drive backend names them. */
export const acdOptions = defineOptions({
  client_id: {
    help: 'OAuth Client Id (the Security Profile of your Login with Amazon app).',
    type: 'string',
    required: true,
  },
  client_secret: {
    help: 'OAuth Client Secret.',
    type: 'string',
    secret: true,
    required: true,
  },
  ...oauthTokenOptions(DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL),
  endpoint: {
    help: 'Base URL of the Drive API: `<endpoint>account/endpoint` tells where metadata and content live. Change it to use the emulator.',
    type: 'string',
    default: DEFAULT_ENDPOINT,
    advanced: true,
  },
  templink_threshold: {
    help: 'Files >= this size will be downloaded via their tempLink (to get round the download wall Amazon had for files of about 10 GiB).',
    type: 'size',
    default: '9G',
    advanced: true,
  },
  upload_wait_per_gb: {
    help:
      'Additional time per GiB to wait after a failed complete upload to see if it appears. ' +
      'Amazon sometimes reports an error when a big upload has in fact succeeded; the file then shows up later. ' +
      '0 turns the check off.',
    type: 'duration',
    default: '3m',
    advanced: true,
  },
  checkpoint: {
    help: 'Checkpoint for the internal change feed (rclone writes it after each poll; rsyncish keeps it only).',
    type: 'string',
    advanced: true,
  },
  encoding: {
    help: 'How names the server cannot store are written (rclone\'s encoding flags, e.g. Slash,InvalidUtf8,Dot). See docs/backends/acd.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

/** The OptionSpecs of the `acd` definition. */
export const ACD_OPTIONS = acdOptions.specs;

export interface AcdOptions {
  clientId: string;
  clientSecret: string;
  token?: string;
  authUrl: string;
  tokenUrl: string;
  endpoint: string;
  templinkThreshold: number;
  uploadWaitPerGiBMs: number;
  /** Server names <-> the engine's standard names. */
  names: NameCodec;
}

/** Options from a BackendContext, defaults applied by the declaration. */
export function readAcdOptions(ctx: Pick<BackendContext, 'options' | 'remoteName'>): AcdOptions {
  const o = acdOptions.read(ctx.options, `remote "${ctx.remoteName}"`);
  for (const key of ['endpoint', 'auth_url', 'token_url'] as const) {
    if (!URL.canParse(o[key])) {
      throw new ConfigError(`option ${key} of remote "${ctx.remoteName}" is not a URL: "${o[key]}"`, { hint: 'give an absolute http(s) URL' });
    }
  }
  return {
    clientId: o.client_id,
    clientSecret: o.client_secret,
    token: o.token || undefined,
    authUrl: o.auth_url,
    tokenUrl: o.token_url,
    // Relative paths resolve against it, so it must end in `/`.
    endpoint: o.endpoint.endsWith('/') ? o.endpoint : `${o.endpoint}/`,
    templinkThreshold: o.templink_threshold,
    uploadWaitPerGiBMs: o.upload_wait_per_gb,
    names: NameCodec.parse(o.encoding, `option encoding of remote "${ctx.remoteName}"`),
  };
}

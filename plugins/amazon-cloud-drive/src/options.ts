import { ConfigError, NameCodec, parseDuration, parseSize, type BackendContext, type OptionSpec } from '@rsyncish/core';

export const DEFAULT_AUTH_URL = 'https://www.amazon.com/ap/oa';
export const DEFAULT_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
export const DEFAULT_ENDPOINT = 'https://drive.amazonaws.com/drive/v1/';
/** rclone's default for acd: Base, and invalid UTF-8 as ‛XX because JSON cannot carry it. */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8,Dot';

/** The options of the `acd` backend, named as rclone's amazon cloud drive backend names them. */
export const ACD_OPTIONS: OptionSpec[] = [
  {
    name: 'client_id',
    help: 'OAuth Client Id (the Security Profile of your Login with Amazon app).',
    type: 'string',
    required: true,
  },
  {
    name: 'client_secret',
    help: 'OAuth Client Secret.',
    type: 'string',
    secret: true,
    required: true,
  },
  {
    name: 'token',
    help: 'OAuth Access Token as a JSON blob (written by the setup and after each refresh).',
    type: 'string',
    secret: true,
    advanced: true,
  },
  {
    name: 'auth_url',
    help: 'Auth server URL. Leave blank to use the provider default.',
    type: 'string',
    default: DEFAULT_AUTH_URL,
    advanced: true,
  },
  {
    name: 'token_url',
    help: 'Token server URL. Leave blank to use the provider default.',
    type: 'string',
    default: DEFAULT_TOKEN_URL,
    advanced: true,
  },
  {
    name: 'endpoint',
    help: 'Base URL of the Drive API: `<endpoint>account/endpoint` tells where metadata and content live. Change it to use the emulator.',
    type: 'string',
    default: DEFAULT_ENDPOINT,
    advanced: true,
  },
  {
    name: 'templink_threshold',
    help: 'Files >= this size will be downloaded via their tempLink (to get round the download wall Amazon had for files of about 10 GiB).',
    type: 'size',
    default: '9G',
    advanced: true,
  },
  {
    name: 'upload_wait_per_gb',
    help:
      'Additional time per GiB to wait after a failed complete upload to see if it appears. ' +
      'Amazon sometimes reports an error when a big upload has in fact succeeded; the file then shows up later. ' +
      '0 turns the check off.',
    type: 'duration',
    default: '3m',
    advanced: true,
  },
  {
    name: 'checkpoint',
    help: 'Checkpoint for the internal change feed (rclone writes it after each poll; rsyncish keeps it only).',
    type: 'string',
    advanced: true,
  },
  {
    name: 'encoding',
    help: 'How names the server cannot store are written (rclone\'s encoding flags, e.g. Slash,InvalidUtf8,Dot). See docs/backends/acd.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
];

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

/** Options from a BackendContext (already typed by core; defaults filled in when blank). */
export function readAcdOptions(ctx: Pick<BackendContext, 'options' | 'remoteName'>): AcdOptions {
  const o = ctx.options;
  const str = (k: string, d = ''): string => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : d);
  const num = (k: string, parse: (t: string) => number, d: string): number =>
    typeof o[k] === 'number' ? (o[k] as number) : typeof o[k] === 'string' && o[k] !== '' ? parse(o[k] as string) : parse(d);
  const endpoint = str('endpoint', DEFAULT_ENDPOINT);
  for (const [key, value] of [['endpoint', endpoint], ['auth_url', str('auth_url', DEFAULT_AUTH_URL)], ['token_url', str('token_url', DEFAULT_TOKEN_URL)]] as const) {
    if (!URL.canParse(value)) {
      throw new ConfigError(`option ${key} of remote "${ctx.remoteName}" is not a URL: "${value}"`, { hint: 'give an absolute http(s) URL' });
    }
  }
  return {
    clientId: str('client_id'),
    clientSecret: str('client_secret'),
    token: str('token') || undefined,
    authUrl: str('auth_url', DEFAULT_AUTH_URL),
    tokenUrl: str('token_url', DEFAULT_TOKEN_URL),
    // Relative paths resolve against it, so it must end in `/`.
    endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    templinkThreshold: num('templink_threshold', (t) => parseSize(t), '9G'),
    uploadWaitPerGiBMs: num('upload_wait_per_gb', (t) => parseDuration(t), '3m'),
    names: NameCodec.parse(str('encoding', DEFAULT_ENCODING), `option encoding of remote "${ctx.remoteName}"`),
  };
}

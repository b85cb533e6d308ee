import { parseDuration } from './units.js';

/** What every emulator is started with; each adds its fault settings. */
export interface EmulatorBaseOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Persistent storage. Without it a temp dir is used and removed by stop(). */
  dataDir?: string;
  /** When given, only this client id (and secret, if given) may authorize and get tokens. */
  clientId?: string;
  clientSecret?: string;
  /** Authorize redirects back with a code at once instead of showing the consent page. */
  autoApprove?: boolean;
  /** Access token lifetime: a duration string ("1h", "5s") or milliseconds. Default 1h. */
  tokenTtl?: string | number;
  /** Called with one line per request (the CLI's -v). */
  log?: (line: string) => void;
  /** Delay before metadata changes are written to disk as a snapshot. Default 200 ms. */
  saveDebounceMs?: number;
}

/** A started emulator; each adds its control hooks. */
export interface RunningEmulator {
  /** `http://HOST:PORT` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  /** Writes metadata to disk now. */
  flush(): Promise<void>;
  /** Stops listening, closes connections, saves metadata, removes the temp data dir if one was made. */
  stop(): Promise<void>;
}

/** How the OAuth endpoints behave, from the start options. */
export interface OAuthSettings {
  /** When set, only this client (and clientSecret) is accepted; otherwise any client is. */
  clientId?: string;
  clientSecret?: string;
  autoApprove: boolean;
  tokenTtlMs: number;
}

export function oauthSettings(options: EmulatorBaseOptions): OAuthSettings {
  const oauth: OAuthSettings = {
    autoApprove: options.autoApprove ?? false,
    tokenTtlMs: options.tokenTtl !== undefined ? parseDuration(options.tokenTtl) : 3_600_000,
  };
  if (options.clientId !== undefined) oauth.clientId = options.clientId;
  if (options.clientSecret !== undefined) oauth.clientSecret = options.clientSecret;
  return oauth;
}

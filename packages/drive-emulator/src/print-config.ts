/** The client id printed when the emulator accepts any client (no --client-id). */
export const DEFAULT_PRINTED_CLIENT_ID = 'drive-emulator-client';

export interface PrintConfigOptions {
  /** Section name, e.g. "gdrive". */
  name: string;
  /** `http://HOST:PORT` */
  url: string;
  clientId?: string;
  clientSecret?: string;
}

/**
 * The config section that points a `type = drive` remote at this emulator: rclone's drive
 * option names (client_id, client_secret, scope, auth_url, token_url) plus `endpoint`, the
 * rsyncish option that replaces https://www.googleapis.com. Only `token` is left for the
 * wizard's browser step to fill in.
 */
export function printConfig(opts: PrintConfigOptions): string {
  const lines = [
    `[${opts.name}]`,
    'type = drive',
    `client_id = ${opts.clientId ?? DEFAULT_PRINTED_CLIENT_ID}`,
    ...(opts.clientSecret !== undefined ? [`client_secret = ${opts.clientSecret}`] : []),
    'scope = drive',
    `endpoint = ${opts.url}`,
    `auth_url = ${opts.url}/o/oauth2/auth`,
    `token_url = ${opts.url}/token`,
  ];
  return `${lines.join('\n')}\n`;
}

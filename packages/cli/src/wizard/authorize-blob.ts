import { UsageError } from '@rsyncish/core';

/**
 * The options `rsyncish authorize TYPE BLOB` needs (client id, secret, URLs),
 * as rclone passes them: base64url of a JSON object, unpadded.
 */
export function encodeAuthorizeBlob(values: Record<string, string>): string {
  const wanted = ['client_id', 'client_secret', 'auth_url', 'token_url'];
  const picked = Object.fromEntries(wanted.filter((k) => values[k]).map((k) => [k, values[k]!]));
  return Buffer.from(JSON.stringify(picked)).toString('base64url');
}

export function decodeAuthorizeBlob(blob: string): Record<string, string> {
  const parsed = tryJson(Buffer.from(blob, 'base64url').toString('utf8'));
  if (!isRecord(parsed)) {
    throw new UsageError('ERR_BAD_AUTHORIZE_BLOB', 'the options blob is not base64 of a JSON object', {
      hint: 'copy the whole quoted argument that "rsyncish config" printed, or give CLIENT_ID CLIENT_SECRET',
    });
  }
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/**
 * What was pasted at `config_token>`: the token JSON that `rsyncish authorize`
 * prints, or the base64 blob `{"token": "..."}` that rclone 1.60 prints.
 * Returns the token JSON text, or undefined when it is neither.
 */
export function tokenFromPaste(text: string): string | undefined {
  const direct = tryJson(text);
  if (isRecord(direct)) return 'access_token' in direct || 'AccessToken' in direct ? text : undefined;
  const wrapped = tryJson(Buffer.from(text, 'base64url').toString('utf8'));
  if (isRecord(wrapped) && typeof wrapped['token'] === 'string' && isRecord(tryJson(wrapped['token']))) return wrapped['token'];
  return undefined;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface AuthorizeUrlOptions {
  authUrl: string;
  clientId: string;
  scopes: string[];
  redirectUri: string;
  state: string;
  /** e.g. `{access_type: 'offline'}`. */
  extraParams?: Record<string, string>;
}

/**
 * The URL the browser opens to log in. Parameters sorted by name and
 * form-encoded, as Go's url.Values does, so the request matches rclone's.
 */
export function buildAuthorizeUrl(o: AuthorizeUrlOptions): string {
  const params: Record<string, string> = {
    ...o.extraParams,
    client_id: o.clientId,
    redirect_uri: o.redirectUri,
    response_type: 'code',
    state: o.state,
  };
  if (o.scopes.length > 0) params['scope'] = o.scopes.join(' ');
  const url = new URL(o.authUrl);
  const query = new URLSearchParams(url.search);
  for (const k of Object.keys(params).sort()) query.set(k, params[k]!);
  query.sort();
  url.search = query.toString();
  return url.toString();
}

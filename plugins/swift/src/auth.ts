import { ConfigError, FatalBackendError, readText, UnauthorizedError, type HttpClient } from '@rsyncish/core';
import type { SwiftOptions } from './options.js';

export interface SwiftSession {
  storageUrl: string;
  token: string;
}

export const CREDENTIALS_HINT = 'check user and key (and auth, tenant) of the remote';

/** Keystone v2/v3 from the URL's last segment, as rclone guesses it; anything else is v1. */
export function guessAuthVersion(auth: string): number {
  if (/\/v3\/?$/.test(auth)) return 3;
  if (/\/v2(\.0)?\/?$/.test(auth)) return 2;
  return 1;
}

/**
 * Logs in (v1 tempauth/swauth, or Keystone v2/v3 — those two untested) and
 * keeps the storage URL and token. A token the server refused is invalidated
 * and the next session() logs in again.
 */
export class SwiftAuth {
  private pending?: Promise<SwiftSession>;
  private current?: SwiftSession;
  private givenTokenUsed = false;

  constructor(
    private readonly options: SwiftOptions,
    private readonly http: HttpClient,
  ) {
    if (!options.auth && !(options.storageUrl && options.authToken)) {
      throw new ConfigError('swift: auth is empty and storage_url/auth_token are not both set', {
        hint: 'set auth (e.g. http://127.0.0.1:18080/auth/v1.0), user and key; or storage_url and auth_token',
      });
    }
  }

  /** Whether a refused token can be replaced by logging in again. */
  get canRenew(): boolean {
    return Boolean(this.options.auth && this.options.user);
  }

  async session(): Promise<SwiftSession> {
    if (this.current) return this.current;
    this.pending ??= this.start().then(
      (s) => {
        this.current = s;
        this.pending = undefined;
        return s;
      },
      (err: unknown) => {
        this.pending = undefined;
        throw err;
      },
    );
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async start(): Promise<SwiftSession> {
    const o = this.options;
    if (o.authToken && o.storageUrl && (!this.givenTokenUsed || !this.canRenew)) {
      this.givenTokenUsed = true;
      return { storageUrl: o.storageUrl, token: o.authToken };
    }
    const version = o.authVersion || guessAuthVersion(o.auth);
    // Not retried here: the request that needed the session is retried by the pacer, login included.
    const session = await (version === 3 ? this.v3() : version === 2 ? this.v2() : this.v1());
    return o.storageUrl ? { ...session, storageUrl: o.storageUrl } : session;
  }

  private refused(err: unknown): unknown {
    if (!(err instanceof UnauthorizedError)) return err;
    return new UnauthorizedError(`swift: ${this.options.auth} refused the credentials of user ${JSON.stringify(this.options.user)}`, {
      cause: err,
      hint: CREDENTIALS_HINT,
    });
  }

  private async v1(): Promise<SwiftSession> {
    const res = await this.http
      .request({ method: 'GET', url: this.options.auth, auth: false, headers: { 'x-auth-user': this.options.user, 'x-auth-key': this.options.key } })
      .catch((err: unknown) => {
        throw this.refused(err);
      });
    await readText(res.body);
    const storageUrl = res.header('x-storage-url');
    const token = res.header('x-auth-token') ?? res.header('x-storage-token');
    if (!storageUrl || !token) throw new FatalBackendError(`swift: ${this.options.auth} answered without X-Storage-Url and X-Auth-Token`, { hint: 'is auth a Swift v1 auth URL?' });
    return { storageUrl, token };
  }

  private async v2(): Promise<SwiftSession> {
    const o = this.options;
    type Catalog = { type: string; endpoints: Record<string, string>[] }[];
    const body = await this.http
      .json<{ access: { token: { id: string }; serviceCatalog: Catalog } }>({
        method: 'POST',
        url: `${o.auth.replace(/\/+$/, '')}/tokens`,
        auth: false,
        json: { auth: { passwordCredentials: { username: o.user, password: o.key }, ...(o.tenant ? { tenantName: o.tenant } : {}) } },
      })
      .catch((err: unknown) => {
        throw this.refused(err);
      });
    const endpoints = body.access.serviceCatalog.find((s) => s.type === 'object-store')?.endpoints ?? [];
    const ep = endpoints.find((e) => !o.region || e['region'] === o.region);
    const url = ep?.[`${o.endpointType}URL`];
    if (!url) throw this.noEndpoint();
    return { storageUrl: url, token: body.access.token.id };
  }

  private async v3(): Promise<SwiftSession> {
    const o = this.options;
    const domain = o.domain || 'Default';
    const res = await this.http
      .request({
        method: 'POST',
        url: `${o.auth.replace(/\/+$/, '')}/auth/tokens`,
        auth: false,
        json: {
          auth: {
            identity: { methods: ['password'], password: { user: { name: o.user, password: o.key, domain: { name: domain } } } },
            ...(o.tenant ? { scope: { project: { name: o.tenant, domain: { name: o.tenantDomain || domain } } } } : {}),
          },
        },
      })
      .catch((err: unknown) => {
        throw this.refused(err);
      });
    const token = res.header('x-subject-token');
    const body = JSON.parse(await readText(res.body)) as { token: { catalog: { type: string; endpoints: { interface: string; region?: string; url: string }[] }[] } };
    const endpoints = body.token.catalog.find((s) => s.type === 'object-store')?.endpoints ?? [];
    const ep = endpoints.find((e) => e.interface === o.endpointType && (!o.region || e.region === o.region));
    if (!token) throw new FatalBackendError(`swift: ${o.auth} answered without X-Subject-Token`);
    if (!ep) throw this.noEndpoint();
    return { storageUrl: ep.url, token };
  }

  private noEndpoint(): Error {
    return new FatalBackendError(`swift: no ${this.options.endpointType} object-store endpoint${this.options.region ? ` in region ${this.options.region}` : ''} in the catalog of ${this.options.auth}`, {
      hint: 'set region (or endpoint_type) to one the catalog offers, or storage_url',
    });
  }
}

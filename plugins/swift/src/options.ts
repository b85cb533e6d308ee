import { NameCodec, parseSize, type BackendContext, type OptionSpec } from '@rsyncish/core';

/** rclone's default for swift: only `/` and invalid UTF-8 (Swift takes `.` and `..` as names). */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8';

/** The options of the swift backend, named and defaulted as rclone's swift backend names them. */
export const SWIFT_OPTIONS: OptionSpec[] = [
  { name: 'user', help: 'User name to log in (OS_USERNAME); for tempauth `account:user`, e.g. test:tester.', type: 'string' },
  { name: 'key', help: 'API key or password (OS_PASSWORD).', type: 'string', secret: true },
  {
    name: 'auth',
    help: 'Authentication URL for server (OS_AUTH_URL): a v1 URL such as http://127.0.0.1:18080/auth/v1.0, or a Keystone v2.0/v3 URL (untested).',
    type: 'string',
    examples: [{ value: 'http://127.0.0.1:18080/auth/v1.0', help: 'A local Swift with tempauth (v1)' }],
  },
  { name: 'auth_version', help: 'AuthVersion - 1, 2 or 3; 0 guesses it from the auth URL (…/v2.0 → 2, …/v3 → 3, else 1).', type: 'int', default: '0', advanced: true },
  { name: 'tenant', help: 'Tenant (project) name for Keystone v2/v3 (OS_TENANT_NAME / OS_PROJECT_NAME). Untested.', type: 'string' },
  { name: 'domain', help: 'User domain for Keystone v3 (OS_USER_DOMAIN_NAME). Untested.', type: 'string', advanced: true },
  { name: 'tenant_domain', help: 'Project domain for Keystone v3 (OS_PROJECT_DOMAIN_NAME). Untested.', type: 'string', advanced: true },
  { name: 'region', help: 'Region name for Keystone v2/v3: which object-store endpoint of the catalog to use (OS_REGION_NAME).', type: 'string' },
  { name: 'endpoint_type', help: 'Endpoint type to choose from the Keystone service catalog: public, internal or admin.', type: 'string', default: 'public', advanced: true },
  { name: 'storage_url', help: 'Storage URL (OS_STORAGE_URL): overrides the one the auth server returns.', type: 'string' },
  { name: 'auth_token', help: 'Auth token from alternate authentication (OS_AUTH_TOKEN); used with storage_url, without logging in.', type: 'string', secret: true },
  { name: 'list_chunk', help: 'Size of listing chunk (names per container listing request), at most 10000.', type: 'int', default: '1000', advanced: true },
  {
    name: 'chunk_size',
    help: 'Above this size files are chunked into a _segments container (Dynamic Large Object). Streams of unknown size are always chunked. Swift refuses single objects over 5 GiB.',
    type: 'size',
    default: '5G',
    advanced: true,
  },
  {
    name: 'no_chunk',
    help: "Don't chunk files during streaming upload: a stream of unknown size goes up as one object (at most 5 GiB).",
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  {
    name: 'encoding',
    help: 'How names Swift cannot store are written (rclone\'s encoding flags). See docs/backends/swift.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
];

export interface SwiftOptions {
  user: string;
  key: string;
  auth: string;
  authVersion: number;
  tenant: string;
  domain: string;
  tenantDomain: string;
  region: string;
  endpointType: string;
  storageUrl: string;
  authToken: string;
  chunkSize: number;
  noChunk: boolean;
  listChunk: number;
  /** Object names <-> the engine's standard names. */
  names: NameCodec;
}

export function readSwiftOptions(values: BackendContext['options']): SwiftOptions {
  const str = (name: string, fallback = '') => {
    const v = values[name];
    return typeof v === 'string' ? v.trim() : fallback;
  };
  const chunk = values['chunk_size'];
  const version = values['auth_version'];
  return {
    user: str('user'),
    key: str('key'),
    auth: str('auth'),
    authVersion: typeof version === 'number' ? version : Number(version ?? 0) || 0,
    tenant: str('tenant'),
    domain: str('domain'),
    tenantDomain: str('tenant_domain'),
    region: str('region'),
    endpointType: str('endpoint_type') || 'public',
    storageUrl: str('storage_url'),
    authToken: str('auth_token'),
    chunkSize: Math.max(1, typeof chunk === 'number' ? chunk : parseSize(typeof chunk === 'string' ? chunk : '5G', 'chunk_size')),
    noChunk: values['no_chunk'] === true,
    listChunk: Math.min(10_000, Math.max(1, Math.floor(typeof values['list_chunk'] === 'number' ? values['list_chunk'] : Number(values['list_chunk'] ?? 1000) || 1000))),
    names: NameCodec.parse(str('encoding') || DEFAULT_ENCODING, 'option encoding of swift'),
  };
}

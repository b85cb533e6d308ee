import { defineOptions, NameCodec, type BackendContext } from '@rsyncish/core';

/** rclone's default for swift: only `/` and invalid UTF-8 (Swift takes `.` and `..` as names). */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8';

/** The options of the swift backend, named and defaulted as rclone's swift backend names them. */
export const swiftOptions = defineOptions({
  user: { help: 'User name to log in (OS_USERNAME); for tempauth `account:user`, e.g. test:tester.', type: 'string' },
  key: { help: 'API key or password (OS_PASSWORD).', type: 'string', secret: true },
  auth: {
    help: 'Authentication URL for server (OS_AUTH_URL): a v1 URL such as http://127.0.0.1:18080/auth/v1.0, or a Keystone v2.0/v3 URL (untested).',
    type: 'string',
    examples: [{ value: 'http://127.0.0.1:18080/auth/v1.0', help: 'A local Swift with tempauth (v1)' }],
  },
  auth_version: { help: 'AuthVersion - 1, 2 or 3; 0 guesses it from the auth URL (…/v2.0 → 2, …/v3 → 3, else 1).', type: 'int', default: '0', advanced: true },
  tenant: { help: 'Tenant (project) name for Keystone v2/v3 (OS_TENANT_NAME / OS_PROJECT_NAME). Untested.', type: 'string' },
  domain: { help: 'User domain for Keystone v3 (OS_USER_DOMAIN_NAME). Untested.', type: 'string', advanced: true },
  tenant_domain: { help: 'Project domain for Keystone v3 (OS_PROJECT_DOMAIN_NAME). Untested.', type: 'string', advanced: true },
  region: { help: 'Region name for Keystone v2/v3: which object-store endpoint of the catalog to use (OS_REGION_NAME).', type: 'string' },
  endpoint_type: {
    help: 'Endpoint type to choose from the Keystone service catalog (OS_ENDPOINT_TYPE).',
    type: 'string',
    default: 'public',
    advanced: true,
    // A catalog names only these three interfaces, so any other value could never match one.
    exclusive: true,
    examples: [
      { value: 'public', help: 'Public (default, choose this if not sure)' },
      { value: 'internal', help: 'Internal (use internal service net)' },
      { value: 'admin', help: 'Admin' },
    ],
  },
  storage_url: { help: 'Storage URL (OS_STORAGE_URL): overrides the one the auth server returns.', type: 'string' },
  auth_token: { help: 'Auth token from alternate authentication (OS_AUTH_TOKEN); used with storage_url, without logging in.', type: 'string', secret: true },
  list_chunk: { help: 'Size of listing chunk (names per container listing request), at most 10000.', type: 'int', default: '1000', advanced: true },
  chunk_size: {
    help: 'Above this size files are chunked into a _segments container (Dynamic Large Object). Streams of unknown size are always chunked. Swift refuses single objects over 5 GiB.',
    type: 'size',
    default: '5G',
    advanced: true,
  },
  no_chunk: {
    help: "Don't chunk files during streaming upload: a stream of unknown size goes up as one object (at most 5 GiB).",
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  encoding: {
    help: 'How names Swift cannot store are written (rclone\'s encoding flags). See docs/backends/swift.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

/** The OptionSpecs of the swift definition. */
export const SWIFT_OPTIONS = swiftOptions.specs;

type SwiftOptionValues = ReturnType<typeof swiftOptions.read>;

export interface SwiftOptions {
  user: string;
  key: string;
  auth: string;
  authVersion: number;
  tenant: string;
  domain: string;
  tenantDomain: string;
  region: string;
  endpointType: SwiftOptionValues['endpoint_type'];
  storageUrl: string;
  authToken: string;
  chunkSize: number;
  noChunk: boolean;
  listChunk: number;
  /** Object names <-> the engine's standard names. */
  names: NameCodec;
}

/** Option values with rclone's defaults, held inside what Swift allows. */
export function readSwiftOptions(values: BackendContext['options']): SwiftOptions {
  const o = swiftOptions.read(values, 'swift');
  return {
    user: o.user,
    key: o.key,
    auth: o.auth,
    authVersion: o.auth_version,
    tenant: o.tenant,
    domain: o.domain,
    tenantDomain: o.tenant_domain,
    region: o.region,
    endpointType: o.endpoint_type,
    storageUrl: o.storage_url,
    authToken: o.auth_token,
    chunkSize: Math.max(1, o.chunk_size),
    noChunk: o.no_chunk,
    // 0 means the default, as it did before; a negative number asks for the smallest chunk.
    listChunk: o.list_chunk === 0 ? 1000 : Math.min(10_000, Math.max(1, o.list_chunk)),
    names: NameCodec.parse(o.encoding, 'option encoding of swift'),
  };
}

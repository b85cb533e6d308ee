import { ConfigError, defineOptions, NameCodec, oauthTokenOptions, type BackendContext } from '@rsyncish/core';

export const GOOGLE_AUTH_URL = 'https://accounts.google.com/o/oauth2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_ENDPOINT = 'https://storage.googleapis.com/storage/v1/';
/** rclone's default for gcs: Base (Slash, Dot), CR and LF, and invalid UTF-8, which JSON cannot carry. */
export const DEFAULT_ENCODING = 'Slash,CrLf,InvalidUtf8,Dot';
/** GCS wants every chunk of a resumable upload but the last in multiples of 256 KiB. */
export const CHUNK_QUANTUM = 256 * 1024;

const OBJECT_ACLS = [
  { value: 'authenticatedRead', help: 'Object owner gets OWNER access. All Authenticated Users get READER access.' },
  { value: 'bucketOwnerFullControl', help: 'Object owner gets OWNER access. Project team owners get OWNER access.' },
  { value: 'bucketOwnerRead', help: 'Object owner gets OWNER access. Project team owners get READER access.' },
  { value: 'private', help: 'Object owner gets OWNER access. Default if left blank.' },
  { value: 'projectPrivate', help: 'Object owner gets OWNER access. Project team members get access according to their roles.' },
  { value: 'publicRead', help: 'Object owner gets OWNER access. All Users get READER access.' },
] as const;

const BUCKET_ACLS = [
  { value: 'authenticatedRead', help: 'Project team owners get OWNER access. All Authenticated Users get READER access.' },
  { value: 'private', help: 'Project team owners get OWNER access. Default if left blank.' },
  { value: 'projectPrivate', help: 'Project team members get access according to their roles.' },
  { value: 'publicRead', help: 'Project team owners get OWNER access. All Users get READER access.' },
  { value: 'publicReadWrite', help: 'Project team owners get OWNER access. All Users get WRITER access.' },
] as const;

/** The options of the `gcs` backend, named and defaulted as rclone's google cloud storage backend has them, plus two of rsyncish's own (upload_cutoff, chunk_size). */
export const gcsOptions = defineOptions({
  client_id: { help: 'OAuth Client Id. Not needed with a service account or anonymous access.', type: 'string' },
  client_secret: { help: 'OAuth Client Secret.', type: 'string', secret: true },
  ...oauthTokenOptions(GOOGLE_AUTH_URL, GOOGLE_TOKEN_URL),
  project_number: { help: 'Project number. Only needed to list, create or delete buckets.', type: 'string' },
  service_account_file: {
    help: 'Service Account Credentials JSON file path. Leave blank normally; needed only for service-account authentication instead of the interactive login.',
    type: 'string',
  },
  service_account_credentials: {
    help: 'Service Account Credentials JSON blob. Leave blank normally; needed only for service-account authentication instead of the interactive login.',
    type: 'string',
    secret: true,
    advanced: true,
  },
  anonymous: { help: 'Access public buckets and objects without credentials. Set to true to only download.', type: 'bool', default: 'false' },
  object_acl: { help: 'Access Control List for new objects.', type: 'string', examples: OBJECT_ACLS },
  bucket_acl: { help: 'Access Control List for new buckets.', type: 'string', examples: BUCKET_ACLS },
  bucket_policy_only: {
    help: 'Access checks should use bucket-level IAM policies: object_acl and bucket_acl are then not sent (GCS refuses them with uniform bucket-level access).',
    type: 'bool',
    default: 'false',
  },
  location: {
    help: 'Location for newly created buckets.',
    type: 'string',
    examples: [
      { value: '', help: 'Empty for default location (US)' },
      { value: 'asia', help: 'Multi-regional location for Asia' },
      { value: 'eu', help: 'Multi-regional location for Europe' },
      { value: 'us', help: 'Multi-regional location for United States' },
      { value: 'europe-west1', help: 'Belgium' },
      { value: 'us-central1', help: 'Iowa' },
    ],
  },
  storage_class: {
    help: 'The storage class to use when storing objects in Google Cloud Storage.',
    type: 'string',
    examples: [
      { value: '', help: 'Default' },
      { value: 'MULTI_REGIONAL', help: 'Multi-regional storage class' },
      { value: 'REGIONAL', help: 'Regional storage class' },
      { value: 'NEARLINE', help: 'Nearline storage class' },
      { value: 'COLDLINE', help: 'Coldline storage class' },
      { value: 'ARCHIVE', help: 'Archive storage class' },
      { value: 'DURABLE_REDUCED_AVAILABILITY', help: 'Durable reduced availability storage class' },
    ],
  },
  no_check_bucket: { help: 'If set, don\'t attempt to check the bucket exists or create it.', type: 'bool', default: 'false', advanced: true },
  endpoint: {
    help: 'Endpoint for the service: the JSON API\'s base URL (https://storage.googleapis.com/storage/v1/). Leave blank normally; set it to use an emulator.',
    type: 'string',
    default: DEFAULT_ENDPOINT,
    advanced: true,
  },
  upload_cutoff: {
    help: 'Files up to this size go up in one multipart request; bigger ones (and streams of unknown size) in a resumable upload, chunk by chunk.',
    type: 'size',
    default: '16Mi',
    advanced: true,
  },
  chunk_size: {
    help: 'Size of a resumable upload\'s chunks, a multiple of 256 KiB. Each chunk is held in memory and sent again after a failure.',
    type: 'size',
    default: '16Mi',
    advanced: true,
  },
  encoding: {
    help: 'How names the server cannot store are written (rclone\'s encoding flags). See docs/backends/google-cloud-storage.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

export const GCS_OPTIONS = gcsOptions.specs;

export interface GcsOptions {
  clientId: string;
  clientSecret: string;
  token?: string;
  authUrl: string;
  tokenUrl: string;
  projectNumber: string;
  serviceAccountFile: string;
  serviceAccountCredentials: string;
  anonymous: boolean;
  objectAcl: string;
  bucketAcl: string;
  bucketPolicyOnly: boolean;
  location: string;
  storageClass: string;
  noCheckBucket: boolean;
  /** The JSON API's base URL, ending in `/`. */
  endpoint: URL;
  uploadCutoff: number;
  chunkSize: number;
  names: NameCodec;
}

/** Options from a BackendContext, defaults applied by the declaration. */
export function readGcsOptions(ctx: Pick<BackendContext, 'options' | 'remoteName'>): GcsOptions {
  const where = `remote "${ctx.remoteName}"`;
  const o = gcsOptions.read(ctx.options, where);
  for (const key of ['endpoint', 'auth_url', 'token_url'] as const) {
    if (!/^https?:\/\//i.test(o[key]) || !URL.canParse(o[key])) {
      throw new ConfigError(`option ${key} of ${where} is not an http(s) URL: "${o[key]}"`, { hint: 'give an absolute URL, e.g. http://127.0.0.1:4443/storage/v1/' });
    }
  }
  if (o.chunk_size <= 0 || o.chunk_size % CHUNK_QUANTUM !== 0) {
    throw new ConfigError(`option chunk_size of ${where} must be a multiple of 256 KiB, got ${o.chunk_size} bytes`, { hint: 'use e.g. 256Ki, 8Mi or 16Mi' });
  }
  return {
    clientId: o.client_id,
    clientSecret: o.client_secret,
    token: o.token || undefined,
    authUrl: o.auth_url,
    tokenUrl: o.token_url,
    projectNumber: o.project_number,
    serviceAccountFile: o.service_account_file,
    serviceAccountCredentials: o.service_account_credentials,
    anonymous: o.anonymous,
    objectAcl: o.object_acl,
    bucketAcl: o.bucket_acl,
    bucketPolicyOnly: o.bucket_policy_only,
    location: o.location,
    storageClass: o.storage_class,
    noCheckBucket: o.no_check_bucket,
    endpoint: new URL(o.endpoint.endsWith('/') ? o.endpoint : `${o.endpoint}/`),
    uploadCutoff: o.upload_cutoff,
    chunkSize: o.chunk_size,
    names: NameCodec.parse(o.encoding, `option encoding of ${where}`),
  };
}

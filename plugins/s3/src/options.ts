import { NameCodec, parseSize, type BackendContext, type OptionSpec } from '@rsyncish/core';

/** The options of the s3 backend, named and defaulted as rclone's s3 backend names them. */
export const S3_OPTIONS: OptionSpec[] = [
  {
    name: 'provider',
    help: 'Choose your S3 provider (AWS, Ceph, Minio, Wasabi, Other, …). Only AWS changes behaviour: the default endpoint and the region sent when a bucket is made.',
    type: 'string',
    default: 'AWS',
    examples: [
      { value: 'AWS', help: 'Amazon Web Services (AWS) S3' },
      { value: 'Other', help: 'Any other S3 compatible provider (Swift s3api, Ceph, MinIO, …)' },
    ],
  },
  {
    name: 'env_auth',
    help: 'Get AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) or the shared credentials file (~/.aws/credentials, profile AWS_PROFILE). Only applies if access_key_id and secret_access_key are blank.',
    type: 'bool',
    default: 'false',
  },
  { name: 'access_key_id', help: 'AWS Access Key ID. Leave blank for anonymous access or runtime credentials (env_auth).', type: 'string' },
  { name: 'secret_access_key', help: 'AWS Secret Access Key (password). Leave blank for anonymous access or runtime credentials (env_auth).', type: 'string', secret: true },
  { name: 'session_token', help: 'An AWS session token (temporary credentials).', type: 'string', secret: true, advanced: true },
  { name: 'region', help: 'Region to connect to; signatures are made for it.', type: 'string', default: 'us-east-1' },
  { name: 'endpoint', help: 'Endpoint for the S3 API, e.g. http://127.0.0.1:18080. Leave blank for AWS (derived from region).', type: 'string' },
  {
    name: 'force_path_style',
    help: 'If true use path style access (http://endpoint/bucket/key), if false virtual hosted style (http://bucket.endpoint/key).',
    type: 'bool',
    default: 'true',
    advanced: true,
  },
  {
    name: 'upload_cutoff',
    help: 'Cutoff for switching to chunked upload: files of known size below it go up in one PUT; larger files and streams of unknown size use multipart uploads.',
    type: 'size',
    default: '200M',
    advanced: true,
  },
  {
    name: 'chunk_size',
    help: 'Chunk (part) size for multipart uploads. Each part is held in memory; chunk_size × upload_concurrency bounds the memory of one upload. Raised automatically for large known sizes so that 10000 parts suffice.',
    type: 'size',
    default: '5M',
    advanced: true,
  },
  { name: 'upload_concurrency', help: 'Number of parts of one multipart upload sent at once.', type: 'int', default: '4', advanced: true },
  {
    name: 'copy_cutoff',
    help: 'Cutoff for switching to multipart server-side copy (UploadPartCopy); S3 copies at most 5 GiB in one CopyObject.',
    type: 'size',
    default: '4.6875G',
    advanced: true,
  },
  { name: 'list_chunk', help: 'Size of listing chunk (response list for each ListObjectsV2 request), at most 1000.', type: 'int', default: '1000', advanced: true },
  { name: 'storage_class', help: 'The storage class to use when storing new objects (STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, GLACIER, …).', type: 'string' },
  {
    name: 'no_check_bucket',
    help: 'If set, don\'t attempt to check the bucket exists or create it before uploading (for keys that may not create buckets).',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  {
    name: 'encoding',
    help: 'How names S3 cannot store are written (rclone\'s encoding flags). See docs/backends/s3.md.',
    type: 'string',
    default: 'Slash,InvalidUtf8,Dot',
    advanced: true,
  },
];

/** rclone's default for s3: invalid UTF-8 cannot be sent in XML or a URL. */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8,Dot';

export const MiB = 1024 * 1024;

export interface S3Options {
  provider: string;
  envAuth: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  endpoint: string;
  forcePathStyle: boolean;
  uploadCutoff: number;
  chunkSize: number;
  uploadConcurrency: number;
  copyCutoff: number;
  storageClass: string;
  noCheckBucket: boolean;
  listChunk: number;
  /** Object names <-> the engine's standard names. */
  names: NameCodec;
}

/** S3 refuses parts under 5 MiB (except the last) and copies at most 5 GiB at once. */
export const MIN_CHUNK_SIZE = 5 * MiB;
export const MAX_COPY_SIZE = 5 * 1024 * MiB;

/** Option values (already typed by core) with rclone's defaults filled in. */
export function readS3Options(values: BackendContext['options']): S3Options {
  const str = (name: string, fallback = '') => {
    const v = values[name];
    return typeof v === 'string' ? v.trim() : fallback;
  };
  const bool = (name: string, fallback: boolean) => (typeof values[name] === 'boolean' ? (values[name] as boolean) : fallback);
  const size = (name: string, fallback: string) => {
    const v = values[name];
    return typeof v === 'number' ? v : parseSize(typeof v === 'string' ? v : fallback, name);
  };
  const int = (name: string, fallback: number) => {
    const v = values[name];
    const n = typeof v === 'number' ? v : Number(v ?? fallback);
    return Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
  };
  return {
    provider: str('provider', 'AWS') || 'AWS',
    envAuth: bool('env_auth', false),
    accessKeyId: str('access_key_id'),
    secretAccessKey: str('secret_access_key'),
    sessionToken: str('session_token'),
    region: str('region') || 'us-east-1',
    endpoint: str('endpoint'),
    forcePathStyle: bool('force_path_style', true),
    uploadCutoff: size('upload_cutoff', '200M'),
    chunkSize: Math.max(MIN_CHUNK_SIZE, size('chunk_size', '5M')),
    uploadConcurrency: int('upload_concurrency', 4),
    copyCutoff: Math.min(MAX_COPY_SIZE, size('copy_cutoff', '4.6875G')),
    storageClass: str('storage_class'),
    noCheckBucket: bool('no_check_bucket', false),
    listChunk: Math.min(1000, int('list_chunk', 1000)),
    names: NameCodec.parse(str('encoding') || DEFAULT_ENCODING, 'option encoding of s3'),
  };
}

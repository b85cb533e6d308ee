import { defineOptions, NameCodec, type BackendContext } from '@rsyncish/core';

/** rclone's default for s3: invalid UTF-8 cannot be sent in XML or a URL. */
export const DEFAULT_ENCODING = 'Slash,InvalidUtf8,Dot';

/** The options of the s3 backend, named and defaulted as rclone's s3 backend names them. */
export const s3Options = defineOptions({
  provider: {
    help: 'Choose your S3 provider (AWS, Ceph, Minio, Wasabi, Other, …). Only AWS changes behaviour: the default endpoint and the region sent when a bucket is made.',
    type: 'string',
    default: 'AWS',
    examples: [
      { value: 'AWS', help: 'Amazon Web Services (AWS) S3' },
      { value: 'Other', help: 'Any other S3 compatible provider (Swift s3api, Ceph, MinIO, …)' },
    ],
  },
  env_auth: {
    help: 'Get AWS credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) or the shared credentials file (~/.aws/credentials, profile AWS_PROFILE). Only applies if access_key_id and secret_access_key are blank.',
    type: 'bool',
    default: 'false',
  },
  access_key_id: { help: 'AWS Access Key ID. Leave blank for anonymous access or runtime credentials (env_auth).', type: 'string' },
  secret_access_key: { help: 'AWS Secret Access Key (password). Leave blank for anonymous access or runtime credentials (env_auth).', type: 'string', secret: true },
  session_token: { help: 'An AWS session token (temporary credentials).', type: 'string', secret: true, advanced: true },
  region: { help: 'Region to connect to; signatures are made for it.', type: 'string', default: 'us-east-1' },
  endpoint: { help: 'Endpoint for the S3 API, e.g. http://127.0.0.1:18080. Leave blank for AWS (derived from region).', type: 'string' },
  force_path_style: {
    help: 'If true use path style access (http://endpoint/bucket/key), if false virtual hosted style (http://bucket.endpoint/key).',
    type: 'bool',
    default: 'true',
    advanced: true,
  },
  upload_cutoff: {
    help: 'Cutoff for switching to chunked upload: files of known size below it go up in one PUT; larger files and streams of unknown size use multipart uploads.',
    type: 'size',
    default: '200M',
    advanced: true,
  },
  chunk_size: {
    help: 'Chunk (part) size for multipart uploads. Each part is held in memory; chunk_size × upload_concurrency bounds the memory of one upload. Raised automatically for large known sizes so that 10000 parts suffice.',
    type: 'size',
    default: '5M',
    advanced: true,
  },
  upload_concurrency: { help: 'Number of parts of one multipart upload sent at once.', type: 'int', default: '4', advanced: true },
  copy_cutoff: {
    help: 'Cutoff for switching to multipart server-side copy (UploadPartCopy); S3 copies at most 5 GiB in one CopyObject.',
    type: 'size',
    default: '4.6875G',
    advanced: true,
  },
  list_chunk: { help: 'Size of listing chunk (response list for each ListObjectsV2 request), at most 1000.', type: 'int', default: '1000', advanced: true },
  storage_class: { help: 'The storage class to use when storing new objects (STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, GLACIER, …).', type: 'string' },
  no_check_bucket: {
    help: 'If set, don\'t attempt to check the bucket exists or create it before uploading (for keys that may not create buckets).',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  encoding: {
    help: 'How names S3 cannot store are written (rclone\'s encoding flags). See docs/backends/s3.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

/** The OptionSpecs of the s3 definition. */
export const S3_OPTIONS = s3Options.specs;

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

/** Option values with rclone's defaults, held inside what S3 allows. */
export function readS3Options(values: BackendContext['options']): S3Options {
  const o = s3Options.read(values, 's3');
  return {
    provider: o.provider,
    envAuth: o.env_auth,
    accessKeyId: o.access_key_id,
    secretAccessKey: o.secret_access_key,
    sessionToken: o.session_token,
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.force_path_style,
    uploadCutoff: o.upload_cutoff,
    chunkSize: Math.max(MIN_CHUNK_SIZE, o.chunk_size),
    uploadConcurrency: o.upload_concurrency >= 1 ? o.upload_concurrency : 4,
    copyCutoff: Math.min(MAX_COPY_SIZE, o.copy_cutoff),
    storageClass: o.storage_class,
    noCheckBucket: o.no_check_bucket,
    listChunk: o.list_chunk >= 1 ? Math.min(1000, o.list_chunk) : 1000,
    names: NameCodec.parse(o.encoding, 'option encoding of s3'),
  };
}

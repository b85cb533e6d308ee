import { ConfigError, defineOptions, NameCodec, oauthTokenOptions, type BackendContext } from '@rsyncish/core';
import { EXTENSION_MIME_TYPE, parseExtensions } from './export-formats.js';

/** Google's OAuth endpoints, as rclone's drive backend uses them (golang.org/x/oauth2/google). */
export const DEFAULT_AUTH_URL = 'https://accounts.google.com/o/oauth2/auth';
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** The root of Google's APIs: `drive/v3/` and `upload/drive/v3/` hang below it. */
export const DEFAULT_ENDPOINT = 'https://www.googleapis.com/';
/** rclone's default for drive: only invalid UTF-8, which JSON cannot carry. */
export const DEFAULT_ENCODING = 'InvalidUtf8';
/** rclone's default export formats for Google Docs, Sheets, Slides and Drawings. */
export const DEFAULT_EXPORT_FORMATS = 'docx,xlsx,pptx,svg';
/** Google's uploader takes chunks in multiples of 256 KiB. */
export const MIN_CHUNK_SIZE = 256 * 1024;

/** The options of the `drive` backend, named as rclone's drive backend names them. */
export const driveOptions = defineOptions({
  client_id: {
    help: 'Google Application Client Id (an OAuth client of your Google Cloud project).',
    type: 'string',
    required: true,
  },
  client_secret: {
    help: 'OAuth Client Secret.',
    type: 'string',
    secret: true,
    required: true,
  },
  scope: {
    help: 'Scope that rsyncish should use when requesting access from drive.',
    type: 'string',
    default: 'drive',
    examples: [
      { value: 'drive', help: 'Full access all files, excluding Application Data Folder.' },
      { value: 'drive.readonly', help: 'Read-only access to file metadata and file contents.' },
      { value: 'drive.file', help: 'Access to files created by rsyncish only.' },
      { value: 'drive.appfolder', help: 'Read and write access to the Application Data folder.' },
      { value: 'drive.metadata.readonly', help: 'Read-only access to file metadata, not content.' },
    ],
  },
  root_folder_id: {
    help: 'ID of the root folder. Leave blank normally; fill in to start from a folder other than My Drive.',
    type: 'string',
    advanced: true,
  },
  ...oauthTokenOptions(DEFAULT_AUTH_URL, DEFAULT_TOKEN_URL),
  endpoint: {
    help: 'Root URL of the Google APIs (`<endpoint>drive/v3/` and `<endpoint>upload/drive/v3/`). Change it to use the emulator.',
    type: 'string',
    default: DEFAULT_ENDPOINT,
    advanced: true,
  },
  use_trash: {
    help: 'Send files to the trash instead of deleting permanently.',
    type: 'bool',
    default: 'true',
    advanced: true,
  },
  skip_gdocs: {
    help: 'Skip google documents in all listings: they become invisible to rsyncish.',
    type: 'bool',
    default: 'false',
    advanced: true,
  },
  export_formats: {
    help: 'Comma separated list of preferred formats for downloading Google docs.',
    type: 'string',
    default: DEFAULT_EXPORT_FORMATS,
    advanced: true,
  },
  upload_cutoff: {
    help: 'Cutoff for switching to chunked (resumable) upload.',
    type: 'size',
    default: '8Mi',
    advanced: true,
  },
  chunk_size: {
    help: 'Upload chunk size: a power of 2 >= 256k. Each chunk is held in memory while it is sent, so it can be sent again.',
    type: 'size',
    default: '8Mi',
    advanced: true,
  },
  list_chunk: {
    help: 'Size of listing chunk 100-1000, 0 to disable.',
    type: 'int',
    default: '1000',
    advanced: true,
  },
  pacer_min_sleep: {
    help: 'Minimum time to sleep between API calls.',
    type: 'duration',
    default: '100ms',
    advanced: true,
  },
  encoding: {
    help: 'How names the server cannot store are written (rclone\'s encoding flags). See docs/backends/google-drive.md.',
    type: 'string',
    default: DEFAULT_ENCODING,
    advanced: true,
  },
});

/** The OptionSpecs of the `drive` definition. */
export const DRIVE_OPTIONS = driveOptions.specs;

export interface DriveOptions {
  clientId: string;
  clientSecret: string;
  token?: string;
  scopes: string[];
  rootFolderId: string;
  authUrl: string;
  tokenUrl: string;
  endpoint: string;
  useTrash: boolean;
  skipGdocs: boolean;
  /** Extensions with their dot, in order of preference: `.docx`. */
  exportExtensions: string[];
  uploadCutoff: number;
  chunkSize: number;
  /** Files asked for per listing page; 0 leaves it to the server. */
  listChunk: number;
  pacerMinSleepMs: number;
  names: NameCodec;
}

const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';

/** rclone's driveScopes: `drive,drive.file` -> full scope URLs; blank means `drive`. */
export function driveScopes(scope: string): string[] {
  return (scope.trim() || 'drive').split(',').map((s) => SCOPE_PREFIX + s.trim());
}

/** Options from a BackendContext, defaults applied by the declaration. */
export function readDriveOptions(ctx: Pick<BackendContext, 'options' | 'remoteName'>): DriveOptions {
  const where = `remote "${ctx.remoteName}"`;
  const o = driveOptions.read(ctx.options, where);
  for (const key of ['endpoint', 'auth_url', 'token_url'] as const) {
    if (!URL.canParse(o[key])) {
      throw new ConfigError(`option ${key} of ${where} is not a URL: "${o[key]}"`, { hint: 'give an absolute http(s) URL' });
    }
  }
  if (o.chunk_size < MIN_CHUNK_SIZE || (o.chunk_size & (o.chunk_size - 1)) !== 0) {
    throw new ConfigError(`option chunk_size of ${where} is ${o.chunk_size} bytes: it must be a power of 2 and at least 256 KiB`, {
      hint: 'use e.g. --drive-chunk-size 8Mi',
    });
  }
  if (!Number.isInteger(o.list_chunk) || o.list_chunk < 0 || o.list_chunk > 1000) {
    throw new ConfigError(`option list_chunk of ${where} is ${o.list_chunk}: Drive pages hold 1 to 1000 files`, {
      hint: 'use a number from 1 to 1000, or 0 for the server\'s default',
    });
  }
  // rclone appends its defaults: a type none of the user's formats fits still gets one.
  const exports = parseExtensions(o.export_formats, DEFAULT_EXPORT_FORMATS);
  if (exports.unknown) {
    throw new ConfigError(`option export_formats of ${where}: couldn't find MIME type for extension "${exports.unknown}"`, {
      hint: `use extensions Drive exports to: ${Object.keys(EXTENSION_MIME_TYPE).map((e) => e.slice(1)).join(', ')}`,
    });
  }
  const scopes = driveScopes(o.scope ?? '');
  const appFolder = scopes.includes(`${SCOPE_PREFIX}drive.appfolder`);
  return {
    clientId: o.client_id,
    clientSecret: o.client_secret,
    token: o.token || undefined,
    scopes,
    // rclone: the drive.appfolder scope roots the remote in the Application Data folder.
    rootFolderId: o.root_folder_id || (appFolder ? 'appDataFolder' : 'root'),
    authUrl: o.auth_url,
    tokenUrl: o.token_url,
    // Relative paths resolve against it, so it must end in `/`.
    endpoint: o.endpoint.endsWith('/') ? o.endpoint : `${o.endpoint}/`,
    useTrash: o.use_trash,
    skipGdocs: o.skip_gdocs,
    exportExtensions: exports.extensions,
    uploadCutoff: o.upload_cutoff,
    chunkSize: o.chunk_size,
    listChunk: o.list_chunk,
    pacerMinSleepMs: o.pacer_min_sleep,
    names: NameCodec.parse(o.encoding, `option encoding of ${where}`),
  };
}

export { gcsBackend } from './definition.js';
export { GCS_OPTIONS, readGcsOptions, type GcsOptions } from './options.js';
export { formatRfc3339Nano, modTimeOf, mtimeMetadata, META_MTIME, META_MTIME_GSUTIL } from './mtime.js';

export { s3Backend } from './definition.js';
export { S3_OPTIONS, readS3Options, type S3Options } from './options.js';
export { formatMtime, parseMtime } from './metadata.js';

import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { s3Capabilities } from './capabilities.js';
import { S3_OPTIONS } from './options.js';

/** The `s3` backend type: Amazon S3 and S3-compatible object stores. */
export const s3Backend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 's3',
  description: 'Amazon S3 Compliant Storage Providers (AWS, Ceph, MinIO, Swift s3api, …)',
  options: S3_OPTIONS,
  capabilities: s3Capabilities(),
  async create(ctx) {
    // Loaded here, not at the top: the signer and client cost startup time that
    // commands which never open an s3 remote should not pay.
    const { openS3 } = await import('./open-s3.js');
    return openS3(ctx);
  },
};

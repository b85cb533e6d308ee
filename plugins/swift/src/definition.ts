import { BACKEND_API_VERSION, type BackendDefinition } from '@rsyncish/core';
import { swiftCapabilities } from './capabilities.js';
import { SWIFT_OPTIONS } from './options.js';

/** The `swift` backend type: OpenStack Swift object storage. */
export const swiftBackend: BackendDefinition = {
  apiVersion: BACKEND_API_VERSION,
  type: 'swift',
  description: 'OpenStack Swift (Rackspace Cloud Files, Memset Memstore, OVH)',
  options: SWIFT_OPTIONS,
  capabilities: swiftCapabilities(),
  async create(ctx) {
    // Loaded when a swift remote is opened, not when the CLI starts.
    const { openSwift } = await import('./open-swift.js');
    return openSwift(ctx);
  },
};

import { test } from 'node:test';
import { runConformanceSuite } from '@rsyncish/testkit';
import { swiftBackend } from './definition.js';
import { startServer, swiftContext, uniqueContainer } from './testing/support.js';

const server = startServer();
if (server.skip) {
  test('swift conformance', { skip: server.skip }, () => {});
} else {
  // One container for the suite; each check works in its own folder inside it.
  const container = uniqueContainer('conf');
  runConformanceSuite({
    name: 'swift',
    definition: swiftBackend,
    // A 16 MiB chunk_size makes the suite's 64 MiB file a segmented (DLO) object.
    create: async () => swiftBackend.create(swiftContext({ chunk_size: 16 * 1024 * 1024 }, container)),
    largeFileBytes: 64 * 1024 * 1024,
  });
}

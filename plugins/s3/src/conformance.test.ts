import { test } from 'node:test';
import { runConformanceSuite } from '@rsyncish/testkit';
import { s3Backend } from './definition.js';
import { s3Context, startServer, uniqueBucket } from './testing/support.js';

const server = startServer();
if (server.skip) {
  test('s3 conformance', { skip: server.skip }, () => {});
} else {
  // One bucket for the suite; each check works in its own folder inside it.
  const bucket = uniqueBucket('conf');
  runConformanceSuite({
    name: 's3 (Swift s3api)',
    definition: s3Backend,
    create: async () => s3Backend.create(s3Context({}, bucket)),
    // Above upload_cutoff (200M by default) is covered in s3-backend.test.ts; here a 64 MiB put is one streamed PUT.
    largeFileBytes: 64 * 1024 * 1024,
  });
}

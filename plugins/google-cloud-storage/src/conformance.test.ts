// The backend conformance suite (@rsyncish/testkit) against the gcs backend on
// the emulator over 127.0.0.1, signed in with a service account.
import { runConformanceSuite } from '@rsyncish/testkit';
import { gcsBackend } from './definition.js';
import { MiB, startHarness, uniqueBucket, type GcsHarness } from './testing/support.js';

let harness: GcsHarness | undefined;

runConformanceSuite({
  name: 'gcs (emulator)',
  definition: gcsBackend,
  // Each backend is rooted in a bucket of its own.
  create: async () => {
    harness ??= await startHarness();
    return gcsBackend.create(harness.context({}, uniqueBucket('conf')));
  },
  cleanup: async () => {
    await harness?.stop();
  },
  // Above upload_cutoff (16 MiB): a resumable upload of two 16 MiB chunks.
  largeFileBytes: 20 * MiB,
});

// The backend conformance suite (@rsyncish/testkit) against the drive backend,
// talking to the real drive emulator over 127.0.0.1, from this one file as any plugin does.
import { runConformanceSuite } from '@rsyncish/testkit';
import { driveBackend } from './definition.js';
import { startHarness, type Harness } from './testing/support.js';

let harness: Harness | undefined;
let n = 0;

runConformanceSuite({
  name: 'drive (emulator)',
  definition: driveBackend,
  // Each backend is rooted in its own folder of one emulated drive; small chunks so the
  // large file goes through many resumable chunks.
  create: async () => {
    harness ??= await startHarness();
    return harness.open({ root: `conformance-${process.pid}-${++n}`, options: { chunk_size: 1024 * 1024, upload_cutoff: 1024 * 1024 } });
  },
  // 16 MiB is 16 resumable chunks: enough to stream, and the in-process emulator's
  // memory counts in the bounded-memory check, which makes a bigger file slow.
  largeFileBytes: 16 * 1024 * 1024,
  cleanup: async () => {
    await harness?.stop();
  },
});

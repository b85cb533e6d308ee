// The backend conformance suite (@rsyncish/testkit) against the drive backend,
// talking to a real drive emulator process over 127.0.0.1, from this one file as any plugin does.
import { runConformanceSuite } from '@rsyncish/testkit';
import { driveBackend } from './definition.js';
import { startHarness, type Harness } from './testing/support.js';

let harness: Harness | undefined;
let n = 0;

runConformanceSuite({
  name: 'drive (emulator)',
  definition: driveBackend,
  // Each backend is rooted in its own folder of one emulated drive; 1 MiB chunks put the
  // streamed large file through 16 resumable chunks.
  create: async () => {
    harness ??= await startHarness();
    return harness.open({ root: `conformance-${process.pid}-${++n}`, options: { chunk_size: 1024 * 1024, upload_cutoff: 1024 * 1024 } });
  },
  // 16 MiB keeps the run short; a memory limit below it still fails a backend that holds a
  // whole file, while one that holds a chunk or two stays well under it.
  largeFileBytes: 16 * 1024 * 1024,
  maxRssGrowthBytes: 12 * 1024 * 1024,
  cleanup: async () => {
    await harness?.stop();
  },
});

// The backend conformance suite (@rsyncish/testkit) against the dropbox backend,
// talking to the real emulator over 127.0.0.1, from this one file as any plugin does.
import { runConformanceSuite } from '@rsyncish/testkit';
import { dropboxBackend } from './definition.js';
import { startHarness, type Harness } from './testing/support.js';

let harness: Harness | undefined;
let n = 0;

runConformanceSuite({
  name: 'dropbox (emulator)',
  definition: dropboxBackend,
  // Each backend is rooted in its own folder of one emulated account.
  create: async () => {
    harness ??= await startHarness();
    // 8 MiB chunks: the 64 MiB bounded-memory check then runs through several appends
    // and stays within its limit (memory is one chunk per transfer, as in rclone).
    // batch_size 1 commits each file through finish_batch at once instead of after
    // 500 ms idle: the suite puts one file at a time.
    return harness.open({ root: `conformance-${process.pid}-${++n}`, options: { chunk_size: 8 * 1024 * 1024, batch_size: 1 } });
  },
  cleanup: async () => {
    await harness?.stop();
  },
});

// The backend conformance suite (@rsyncish/testkit) against the ACD backend,
// talking to the real emulator over 127.0.0.1, from this one file as any plugin does.
import { runConformanceSuite } from '@rsyncish/testkit';
import { acdBackend } from './definition.js';
import { startHarness, type Harness } from './testing/support.js';

let harness: Harness | undefined;
let n = 0;

runConformanceSuite({
  name: 'acd (emulator)',
  definition: acdBackend,
  // Each backend is rooted in its own folder of one emulated drive.
  create: async () => {
    harness ??= await startHarness();
    return harness.open({ root: `conformance-${process.pid}-${++n}` });
  },
  cleanup: async () => {
    await harness?.stop();
  },
});

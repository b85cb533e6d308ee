import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, runConformanceSuite } from '@rsyncish/testkit';
import { __TYPE__Backend } from './definition.js';

// Every promise of the backend contract, checked by the suite every rsyncish backend runs.
const rootDir = mkdtempSync(join(tmpdir(), '__TYPE__-conformance-'));

runConformanceSuite({
  name: '__TYPE__',
  definition: __TYPE__Backend,
  // Opened the way rsyncish opens it: options read through the definition,
  // root_dir set to a fresh, empty folder per call.
  create: async () =>
    __TYPE__Backend.create(createTestContext({ definition: __TYPE__Backend, options: { root_dir: mkdtempSync(join(rootDir, 'remote-')) } })),
  cleanup: () => rmSync(rootDir, { recursive: true, force: true }),
});

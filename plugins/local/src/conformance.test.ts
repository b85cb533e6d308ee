import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConformanceSuite } from '@rsyncish/testkit';
import { localBackend } from './definition.js';
import { LocalBackend } from './local-backend.js';

const roots: string[] = [];

// Each create() roots a backend in a fresh temp directory; cleanup removes them all.
runConformanceSuite({
  name: 'local',
  definition: localBackend,
  create: async () => {
    const root = await mkdtemp(join(tmpdir(), 'rsyncish-local-conformance-'));
    roots.push(root);
    return new LocalBackend({ root });
  },
  cleanup: async () => {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  },
});

import { runConformanceSuite } from '@rsyncish/testkit';
import { memoryBackend } from './definition.js';
import { MemoryBackend } from './memory-backend.js';

// The whole contract, checked by the same suite every backend runs.
runConformanceSuite({
  name: 'memory',
  definition: memoryBackend,
  // A fresh, empty store per call: no cleanup needed.
  create: async () => new MemoryBackend(),
  skip: [{ check: 'bounded-memory', reason: 'an in-memory backend holds every file it stores' }],
});

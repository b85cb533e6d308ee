import { after, before, describe, test } from 'node:test';
import { CHECK_GROUPS } from './checks/index.js';
import { Kit } from './kit.js';
import type { ConformanceOptions } from './options.js';
import { broken, describeError } from './violation.js';

/**
 * Registers the conformance suite as node:test tests. Call it at the top level
 * of one test file; `node --test` runs it like any other test:
 *
 *   runConformanceSuite({ name: 'memory', definition, create: async () => new MemoryBackend() });
 */
export function runConformanceSuite(options: ConformanceOptions): void {
  const kit = new Kit(options);
  describe(`rsyncish backend conformance: ${options.name}`, () => {
    before(async () => {
      try {
        kit.open(await kit.create());
      } catch (err) {
        broken(`create() failed: ${describeError(err)}`);
      }
    });
    after(async () => {
      try {
        await kit.close();
      } finally {
        await options.cleanup?.();
      }
    });
    for (const register of CHECK_GROUPS) register(kit);
    test('skip rules name existing checks', () => {
      const unused = kit.unusedSkips();
      if (unused.length > 0) broken(`skip names no check: ${unused.join(', ')}`);
    });
  });
}

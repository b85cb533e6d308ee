import { HashMismatchError, type HashType } from '@rsyncish/core';

/**
 * Refuse a written file whose hashes differ from those the caller stated
 * (PutOptions.hashes): checked before the rename, so the real name keeps its
 * previous version. This is what declaring hashesOnPut promises the engine.
 */
export function checkExpectedHashes(
  fsPath: string,
  computed: Partial<Record<HashType, string>>,
  expected: Partial<Record<HashType, string>> | undefined,
): void {
  if (!expected) return;
  for (const [type, got] of Object.entries(computed) as [HashType, string][]) {
    const want = expected[type];
    if (want && got !== want.toLowerCase()) {
      throw new HashMismatchError(`${JSON.stringify(fsPath)}: ${type} of the bytes received is ${got}, expected ${want}`);
    }
  }
}

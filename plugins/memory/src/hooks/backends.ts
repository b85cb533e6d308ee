import type { BackendDefinition } from '@rsyncish/core';
import { memoryBackend } from '../definition.js';

/**
 * oclif hook `rsyncish:backends`: the CLI runs it once at start and registers
 * what it returns. Returning (not registering into a global) matters because an
 * installed plugin may load its own copy of @rsyncish/core.
 */
export default async function backends(): Promise<BackendDefinition[]> {
  return [memoryBackend];
}

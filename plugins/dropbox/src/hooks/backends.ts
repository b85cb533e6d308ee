import type { BackendDefinition } from '@rsyncish/core';
import { dropboxBackend } from '../definition.js';

/** oclif hook `rsyncish:backends`: the CLI runs it once at start and registers what it returns. */
export default async function backends(): Promise<BackendDefinition[]> {
  return [dropboxBackend];
}

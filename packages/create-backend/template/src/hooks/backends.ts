import type { BackendDefinition } from '@rsyncish/core';
import { __TYPE__Backend } from '../definition.js';

/** oclif hook `rsyncish:backends`: rsyncish runs it at start and registers what it returns. */
export default async function backends(): Promise<BackendDefinition[]> {
  return [__TYPE__Backend];
}

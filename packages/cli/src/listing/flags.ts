import { Args, Flags } from '@oclif/core';
import { MAX_INT } from '../flag-bounds.js';

export const maxDepthFlag = Flags.integer({
  min: -MAX_INT,
  max: MAX_INT,
  default: -1,
  description: 'If set limits the recursion depth to this (1 = only the top level; -1 = no limit).',
});

export const remotePathArg = Args.string({
  name: 'remote:path',
  required: true,
  description: 'A configured remote and path (remote:path), or a local path.',
});

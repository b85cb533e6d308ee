import { Args, Flags } from '@oclif/core';

export const maxDepthFlag = Flags.integer({
  default: -1,
  description: 'If set limits the recursion depth to this (1 = only the top level; -1 = no limit).',
});

export const remotePathArg = Args.string({
  name: 'remote:path',
  required: true,
  description: 'A configured remote and path (remote:path), or a local path.',
});

import type { OptionSpec } from '@rsyncish/core';

/**
 * The options a `type = __TYPE__` remote takes. Each is also a flag
 * (--__TYPE__-root-dir) and an env var (RSYNCISH___ENV___ROOT_DIR).
 */
export const __TYPE__Options: OptionSpec[] = [
  { name: 'root_dir', help: 'Folder that holds the remote\'s files.', type: 'string', required: true },
];

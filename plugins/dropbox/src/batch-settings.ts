import type { BatchSettings } from './upload/commit-batcher.js';
import type { DropboxOptions } from './options.js';

/**
 * rclone's batch defaults: sync commits as many files as run at once
 * (--transfers), after 500 ms idle; async 100 files after 10 s idle.
 * undefined for batch_mode off.
 */
export function batchSettings(options: Pick<DropboxOptions, 'batchMode' | 'batchSize' | 'batchTimeoutMs'>, transfers: number): BatchSettings | undefined {
  switch (options.batchMode) {
    case 'off':
      return undefined;
    case 'async':
      return { size: options.batchSize || 100, idleMs: options.batchTimeoutMs || 10_000 };
    default:
      return { size: options.batchSize || Math.max(1, transfers), idleMs: options.batchTimeoutMs || 500 };
  }
}

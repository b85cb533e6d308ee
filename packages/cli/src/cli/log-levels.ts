import type { LogLevel } from '@rsyncish/core';

/** rclone's --log-level names (syslog's), spelled as rclone takes them: upper case only. */
export const RCLONE_LOG_LEVELS = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'] as const;

export type RcloneLogLevel = (typeof RCLONE_LOG_LEVELS)[number];

/**
 * Our level for one of rclone's. Neither rclone nor rsyncish logs anything at
 * WARNING, so WARNING shows what ERROR shows; the three above ERROR show no
 * log line at all (the final error of a failed command is printed anyway).
 */
export function levelOf(name: RcloneLogLevel): LogLevel {
  switch (name) {
    case 'DEBUG':
      return 'debug';
    case 'INFO':
      return 'info';
    case 'NOTICE':
      return 'notice';
    case 'WARNING':
    case 'ERROR':
      return 'error';
    default:
      return 'critical';
  }
}

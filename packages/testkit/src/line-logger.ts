import type { Logger } from '@rsyncish/core';

/** A Logger that keeps each line as `LEVEL message` in `lines`, for tests that check what a backend logged. */
export function lineLogger(lines: string[]): Logger {
  return {
    error: (m) => lines.push(`ERROR ${m}`),
    notice: (m) => lines.push(`NOTICE ${m}`),
    info: (m) => lines.push(`INFO ${m}`),
    debug: (m) => lines.push(`DEBUG ${m}`),
  };
}

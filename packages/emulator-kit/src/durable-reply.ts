import type { ServerResponse } from 'node:http';

/** Requests that only read: their replies acknowledge nothing. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Hold the end of the reply to a request that may have changed the drive until
 * that change is on disk, so a client never hears "201 Created" for a file a
 * crash can still take away. (Node sends a reply's headers with its first
 * bytes, so holding end() holds all of a reply made by writeHead + end.) When
 * the change cannot be saved, the connection is cut instead: the client sees a
 * failure, never a false acknowledgement.
 */
export function holdReplyUntilDurable(method: string, res: ServerResponse, commit: () => Promise<void>, name = 'emulator'): void {
  if (READS.has(method)) return;
  const end = res.end as (...args: unknown[]) => ServerResponse;
  res.end = function holdEnd(this: ServerResponse, ...args: unknown[]): ServerResponse {
    commit().then(
      () => end.apply(this, args),
      (err: unknown) => {
        process.stderr.write(`${name}: saving metadata failed, reply withheld: ${(err as Error).message}\n`);
        this.destroy();
      },
    );
    return this;
  } as ServerResponse['end'];
}

import { baseName, displayName, ExitCode, exitCodeOf, Filter, formatError, RsyncishError, type Entry } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { walkBatches } from './walk.js';
import { failedMessage } from '../output/failed-message.js';

export interface ListRequest {
  path: string;
  /** Which entries to print and how. */
  kind: 'files' | 'dirs';
  maxDepth: number;
  format(e: Entry): string;
}

/**
 * The shared body of ls, lsl and lsd: walk the remote and print one line per
 * entry on stdout. Directories that cannot be listed are reported as they come
 * and the walk goes on; the run then fails with the last error's exit code.
 */
export async function listRemote(session: Session, req: ListRequest): Promise<void> {
  const remote = await session.open(req.path);
  const root = await statSourceRoot(session, remote);
  const out = new LineWriter();
  if (root.kind === 'file') {
    if (req.kind === 'files') out.write(req.format({ ...root, path: baseName(remote.location.path) }));
    return out.end();
  }
  let errors = 0;
  let last: Error | undefined;
  const onError = (path: string, err: Error) => {
    errors++;
    last = err;
    session.logger.error(`${path}: error listing: ${formatError(err)}`);
  };
  try {
    const filter = new Filter(session.filter);
    const files = req.kind === 'files';
    for await (const batch of walkBatches(remote.backend, { maxDepth: req.maxDepth, checkers: session.engine.checkers, onError, filter, fastList: session.engine.fastList })) {
      for (const e of batch) {
        if ((e.kind === 'file') !== files) continue;
        const full = out.write(req.format(e));
        if (full) await full;
      }
    }
  } finally {
    await out.end();
    await remote.backend.close?.();
  }
  if (last) {
    throw new RsyncishError('ERR_LISTING', failedMessage('list', errors, last.message), {
      exitCode: exitCodeOf(last) ?? ExitCode.UncategorizedError,
    });
  }
}

/**
 * Batches lines into large stdout writes: a listing can be millions of lines.
 * When stdout's buffer is full (a slow pipe), write hands back a promise to
 * wait for, so output never piles up in memory.
 */
class LineWriter {
  private buf: string[] = [];
  write(line: string): Promise<void> | undefined {
    this.buf.push(displayName(line));
    return this.buf.length >= 1000 ? this.flush() : undefined;
  }
  private flush(): Promise<void> | undefined {
    if (this.buf.length === 0) return undefined;
    const ok = process.stdout.write(`${this.buf.join('\n')}\n`);
    this.buf = [];
    return ok ? undefined : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
  async end(): Promise<void> {
    await this.flush();
    if (process.stdout.writableNeedDrain) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

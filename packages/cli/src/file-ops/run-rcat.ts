import { fstatSync } from 'node:fs';
import { HashMismatchError, isNotFound, type HashType } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { catchInterrupts } from '../cli/interrupts.js';
import { splitDest } from '../sync/split-dest.js';
import { RcatError } from './file-op-errors.js';
import { spool } from './spool-stdin.js';

/**
 * rcat: standard input into one remote file. The input is read whole first
 * (spool), then stored with one atomic put that carries its size and hashes,
 * so the destination keeps its previous version unless the whole new one
 * is stored; what the backend reports back is checked against them.
 */
export async function runRcat(session: Session, path: string, expectedSize: number): Promise<void> {
  if (fstatSync(0).isCharacterDevice()) {
    throw new RcatError('nothing to read from standard input (stdin)', 'pipe the data in: producer | rsyncish rcat remote:path/file');
  }
  const interrupts = catchInterrupts(session.logger);
  try {
    await rcat(session, path, expectedSize, interrupts.signal);
  } finally {
    // Ctrl-C or SIGTERM: nothing was stored, the temp file is gone; exit 130 or 143.
    if (interrupts.interrupted) interrupts.exit();
    interrupts.dispose();
  }
}

async function rcat(session: Session, path: string, expectedSize: number, signal: AbortSignal): Promise<void> {
  const { parent, name } = splitDest(path, 'rcat');
  const remote = await session.open(parent);
  const backend = remote.backend;
  try {
    const existing = await backend.stat(name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (existing?.kind === 'dir') throw new RcatError(`${path}: is a directory`, 'name a file to write, not a directory');
    const data = await spool(process.stdin, signal);
    try {
      if (expectedSize >= 0 && data.size !== expectedSize) {
        throw new RcatError(`read ${data.size} bytes from stdin, but --size said ${expectedSize}: nothing stored`, 'give the exact size with --size, or leave it out');
      }
      if (session.engine.dryRun) {
        session.logger.notice(`${name}: Skipped upload from pipe as --dry-run is set`);
        return;
      }
      const known: Partial<Record<HashType, string>> = { md5: data.md5, sha1: data.sha1 };
      const hashes = Object.fromEntries(backend.capabilities.hashes.filter((t) => known[t]).map((t) => [t, known[t]!]));
      const computeHashes = (backend.capabilities.hashesOnPut ?? []).filter((t) => known[t]);
      const stored = await backend.put(name, data.open(), { size: data.size, modTime: Date.now(), hashes, computeHashes, signal });
      if (stored.size >= 0 && stored.size !== data.size) {
        throw new HashMismatchError(`${name}: stored ${stored.size} bytes of ${data.size} read from stdin`);
      }
      for (const [type, value] of Object.entries(stored.hashes ?? {})) {
        if (known[type] && value && value !== known[type]) throw new HashMismatchError(`${name}: ${type} of the stored file is ${value}, of stdin ${known[type]}`);
      }
      session.logger.info(`${name}: Copied (new) from stdin, ${data.size} bytes`);
    } finally {
      await data.dispose();
    }
  } finally {
    await backend.close?.();
  }
}

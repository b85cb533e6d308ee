import { isNotFound, Filter, type Backend, type Entry } from '@rsyncish/core';
import { Readable } from 'node:stream';
import type { Session } from '../cli/session.js';
import { splitDest } from '../sync/split-dest.js';
import { ErrorTally } from '../output/error-tally.js';
import { walk } from '../listing/walk.js';
import { CantSetModTimeError } from './file-op-errors.js';
import type { TouchTime } from './touch-time.js';

export interface TouchRequest {
  path: string;
  time: TouchTime;
  noCreate: boolean;
  recursive: boolean;
}

/**
 * touch, as rclone: a file gets the time; a missing file is created empty
 * with it (not with -C or -R); a directory has the files in it touched (all
 * below it with -R, filters applying).
 */
export async function runTouch(session: Session, req: TouchRequest): Promise<void> {
  const { logger } = session;
  const whole = await session.open(req.path);
  let root: Entry | undefined;
  try {
    root = await whole.backend.stat('').catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (root?.kind === 'dir') return await touchDir(session, whole.backend, req);
  } finally {
    await whole.backend.close?.();
  }
  const { parent, name } = splitDest(req.path, 'touch');
  const remote = await session.open(parent);
  try {
    const backend = remote.backend;
    if (root === undefined) {
      if (req.noCreate || req.recursive) {
        logger.notice(`${backend.name}: Not touching nonexistent file due to ${req.noCreate ? '--no-create' : '--recursive'}`);
        return;
      }
      if (session.engine.dryRun) {
        logger.notice(`${name}: Skipped touch (create) as --dry-run is set`);
        return;
      }
      logger.debug(`${backend.name}: Touching (creating) "${name}"`);
      await backend.put(name, Readable.from([]), { size: 0, modTime: req.time.ms, modTimeNanos: req.time.nanos });
      return;
    }
    await touchFile(session, backend, name);
  } finally {
    await remote.backend.close?.();
  }

  async function touchFile(s: Session, backend: Backend, path: string): Promise<void> {
    if (s.engine.dryRun) {
      s.logger.notice(`${path}: Skipped touch as --dry-run is set`);
      return;
    }
    if (!backend.setModTime || !backend.capabilities.modTime.write) throw new CantSetModTimeError(backend.name);
    await backend.setModTime(path, req.time.ms, req.time.nanos);
  }
}

async function touchDir(session: Session, backend: Backend, req: TouchRequest): Promise<void> {
  const errors = new ErrorTally(session.logger, session.json, 'failed to touch');
  const files: Entry[] = [];
  for await (const e of walk(backend, { maxDepth: req.recursive ? -1 : 1, checkers: session.engine.checkers, onError: errors.add, filter: new Filter(session.filter) })) {
    if (e.kind === 'file') files.push(e);
  }
  for (const e of files) {
    if (session.engine.dryRun) {
      session.logger.notice(`${e.path}: Skipped touch as --dry-run is set`);
      continue;
    }
    try {
      if (!backend.setModTime || !backend.capabilities.modTime.write) throw new CantSetModTimeError(backend.name);
      await backend.setModTime(e.path, req.time.ms, req.time.nanos);
    } catch (err) {
      errors.add(e.path, err as Error);
    }
  }
  errors.throwIfAny('touch');
}

import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import { TooLargeError } from '../errors/index.js';
import type { Accounting } from './accounting.js';
import { decide, type DecideContext } from './decide.js';
import { makeFilter, type FilterOptions } from './filter.js';
import { march } from './march.js';
import type { EngineOptions } from './options.js';
import { transferFile } from './transfer.js';

export interface CopyJob {
  src: Backend;
  dst: Backend;
  options: EngineOptions;
  filter?: FilterOptions;
  /**
   * Set when the source root is a single file: its name on the destination.
   * The source is then read at path ''.
   */
  singleFile?: { name: string };
}

/**
 * Copy new and changed files from src to dst. Never deletes anything. Errors on
 * single files are counted in `stats` and the run goes on with the rest.
 */
export async function copy(job: CopyJob, stats: Accounting): Promise<void> {
  const { src, dst, options } = job;
  const transfers = pLimit(Math.max(1, options.transfers));
  const checks = pLimit(Math.max(1, options.checkers));
  const include = makeFilter(job.filter ?? {});
  const work: Promise<void>[] = [];
  let warnedNoHash = false;

  const decideCtx = (s: Entry, d: Entry | undefined): DecideContext => ({
    src: src.capabilities,
    dst: dst.capabilities,
    options,
    srcHash: (t) => s.hashes?.[t] ? Promise.resolve(s.hashes[t]) : src.hash?.(s.path, t) ?? Promise.resolve(undefined),
    dstHash: (t) => d?.hashes?.[t] ? Promise.resolve(d.hashes[t]) : d && dst.hash ? dst.hash(d.path, t) : Promise.resolve(undefined),
    noCommonHash: () => {
      if (warnedNoHash) return;
      warnedNoHash = true;
      stats.emit('notice', {
        message: `--checksum is in use but ${src.name} and ${dst.name} have no common hash; comparing sizes only`,
      });
    },
  });

  const handleFile = (s: Entry, d: Entry | undefined, dstPath: string) => {
    if (!include(s)) return;
    const max = dst.capabilities.maxFileSize;
    if (max !== undefined && s.size > max) {
      stats.recordError(s.path, new TooLargeError(`${s.path}: ${s.size} bytes is over ${dst.name}'s limit of ${max} bytes`, {
        hint: `skip such files with --max-size=${max}`,
      }), false);
      return;
    }
    work.push(checks(async () => {
      const decision = await decide(s, d, decideCtx(s, d));
      stats.checks += d ? 1 : 0;
      if (decision.action === 'skip' || decision.action === 'equal') {
        stats.emit('check', { path: s.path, result: decision.action === 'skip' ? 'skipped' : 'equal', reason: decision.reason });
        return;
      }
      if (decision.action === 'set-modtime' && dst.setModTime && s.modTime !== undefined) {
        if (options.dryRun) {
          stats.emit('dry-run', { path: s.path, action: 'set modification time' });
          return;
        }
        await dst.setModTime(d!.path, s.modTime);
        stats.emit('transfer-done', { path: s.path, size: 0, ms: 0, action: 'modtime' });
        return;
      }
      stats.totalTransfers++;
      stats.totalBytes += Math.max(0, s.size);
      if (options.dryRun) {
        stats.emit('dry-run', { path: s.path, action: d ? 'copy (replace existing)' : 'copy (new)' });
        return;
      }
      await transfers(() => runTransfer(s, dstPath, d !== undefined));
    }).catch((err: unknown) => stats.recordError(s.path, err as Error)));
  };

  const runTransfer = async (s: Entry, dstPath: string, replacing: boolean) => {
    const started = Date.now();
    stats.inFlight.set(s.path, { size: s.size, bytes: 0 });
    stats.emit('transfer-start', { path: s.path, size: s.size });
    try {
      await transferFile({ src, dst, srcEntry: s, dstPath }, stats);
      stats.transfers++;
      stats.emit('transfer-done', { path: s.path, size: s.size, ms: Date.now() - started, action: replacing ? 'updated' : 'copied' });
    } finally {
      stats.inFlight.delete(s.path);
    }
  };

  if (job.singleFile) {
    const s = { ...(await src.stat('')), path: '' };
    const name = job.singleFile.name;
    const d = await dst.stat(name).catch(() => undefined);
    handleFile(s, d?.kind === 'file' ? d : undefined, d?.kind === 'file' ? d.path : name);
    await Promise.all(work);
    return;
  }

  await march(src, dst, options.checkers, stats, {
    include,
    file: ({ src: s, dst: d }) => {
      if (s) handleFile(s, d, d?.path ?? s.path);
    },
    dir: ({ src: s, dst: d }) => {
      if (s && !d && options.createEmptySrcDirs) {
        if (options.dryRun) stats.emit('dry-run', { path: s.path, action: 'make directory' });
        else work.push(dst.mkdir(s.path).catch((err: unknown) => stats.recordError(s.path, err as Error)));
      }
      return true;
    },
  });
  await Promise.all(work);
}

import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { Backend, Entry } from '../contract/index.js';
import { ImmutableModifiedError, isNotARegularFile, MaxDurationReachedError, isNotFound, isRetryable, RsyncishError, TooLargeError } from '../errors/index.js';
import { Filter, type FilterOptions } from '../filter/index.js';
import type { Accounting } from './accounting.js';
import type { Confirm, DestructiveAction } from './confirm.js';
import { moveIntoBackup, type BackupTarget } from './backup-dir.js';
import { decideByHashes, decideWithoutHashes, type Decision, type HashSources, type QuickDecideContext } from './decide.js';
import { Backpressure, WorkSet } from './backpressure.js';
import { march } from './march.js';
import { moveFile } from './move-file.js';
import { matchRenames, whyNoRenames } from './track-renames.js';
import type { Throttle } from './throttle.js';
import { findEqual, type OtherDests } from './other-dests.js';
import type { EngineOptions } from './options.js';
import { transferFile } from './transfer.js';
import { TransferBudget } from './transfer-budget.js';
import { logTime, RunDeadline } from './run-deadline.js';

/** copy: add and update. sync: also delete extraneous. move: copy, then delete the source. */
export type SyncMode = 'copy' | 'sync' | 'move';

export interface SyncJob {
  src: Backend;
  dst: Backend;
  options: EngineOptions;
  filter?: Filter | FilterOptions;
  /**
   * Set when the source root is a single file: its name on the destination.
   * The source is then read at path ''.
   */
  singleFile?: { name: string };
  /**
   * Ctrl-C: once aborted, no new listing, transfer or deletion starts, and the
   * transfers in flight are aborted (their backends remove what they began).
   * What the abort interrupts is not counted as an error.
   */
  signal?: AbortSignal;
  /** --backup-dir / --suffix: destination files replaced or deleted are moved here instead. */
  backup?: BackupTarget;
  /** --compare-dest / --copy-dest: where earlier copies of the files may be. */
  otherDests?: OtherDests;
  /** --bwlimit: shared by every transfer of the run. */
  bandwidth?: Throttle;
  /** -i/--interactive: asked before each destructive step; without it nothing is asked. */
  confirm?: Confirm;
}

/**
 * The engine: march both trees, decide per file with the decision table,
 * stream transfers, then delete what sync or move must delete — and for sync,
 * never delete anything once the run has had a listing or I/O error.
 * Errors on single files are counted in `stats`; the run goes on.
 */
export async function runSync(mode: SyncMode, job: SyncJob, stats: Accounting): Promise<void> {
  const { src, dst, options } = job;
  const filter = job.filter instanceof Filter ? job.filter : new Filter(job.filter ?? {});
  for (const w of filter.warnings) stats.emit('notice', { message: w });
  const transfers = pLimit(Math.max(1, options.transfers));
  const checkLimit = pLimit(Math.max(1, options.checkers));
  const pressure = new Backpressure([checkLimit, transfers]);
  const checks = <T>(task: () => Promise<T>) => pressure.run(task);
  const work = new WorkSet();
  const toDelete: Entry[] = [];
  const dstOnlyDirs: string[] = [];
  const srcDirs: string[] = [];
  let warnedNoHash = false;
  let maxDeleteHit = false;
  const signal = job.signal;
  const stopped = () => signal?.aborted === true;
  // --max-transfer: once reached, nothing more starts; in hard mode the
  // transfers in flight are cut too (through `cut`, apart from Ctrl-C's signal).
  const budget = new TransferBudget(options.maxTransfer, options.cutoffMode);
  const cut = new AbortController();
  const transferSignal = signal ? AbortSignal.any([signal, cut.signal]) : cut.signal;
  const deadline = new RunDeadline(options.maxDurationNs);
  const halted = () => stopped() || budget.reached || deadline.passed();
  if (budget.hard && options.maxTransfer >= 0) stats.onBytes = () => {
    if (!budget.reached && budget.overrun(stats)) stopTransfers(budget.refuseStart(stats, 0)!, [...stats.inFlight.keys()]);
  };
  /** The limit is reached: say so once, as rclone does, and start nothing more. */
  const stopTransfers = (err: Error, paths: string[]) => {
    if (budget.reached) return;
    budget.reached = true;
    if (budget.hard) {
      for (const p of paths) stats.recordError(p, err);
      stats.emit('notice', { level: 'error', message: `Cancelling sync due to fatal error: ${err.message}` });
      cut.abort(err);
    } else {
      stats.emit('notice', { message: `${err.message} - stopping transfers` });
      stats.recordError('', err, true, 'none');
    }
  };

  const noCommonHash = () => {
    if (warnedNoHash) return;
    warnedNoHash = true;
    stats.emit('notice', {
      message: `--checksum is in use but ${src.name} and ${dst.name} have no common hash; comparing sizes only`,
    });
  };
  // The sizes-and-times part of the table: one context serves every file.
  const quickCtx: QuickDecideContext = { src: src.capabilities, dst: dst.capabilities, options, noCommonHash };
  const hashSources = (s: Entry, d: Entry | undefined): HashSources => ({
    srcHash: async (t) => s.hashes?.[t] || (await src.hash?.(s.path, t)),
    dstHash: async (t) => d?.hashes?.[t] || (d && (await dst.hash?.(d.path, t))),
  });

  const track = (p: Promise<unknown>, path: string) =>
    work.add(p.catch((err: unknown) => {
      // A file cut off by Ctrl-C (or --max-transfer's cutoff, already counted) did not fail: it is simply not done.
      if (stopped() || cut.signal.aborted) return;
      // A file swapped for a pipe or device since the listing: what a listing a moment later would have skipped.
      if (isNotARegularFile(err)) stats.emit('notice', { path, message: `${path}: skipped: ${(err as Error).message}` });
      else stats.recordError(path, err instanceof Error ? err : new Error(String(err)));
    }));

  const deleteDst = async (e: Entry): Promise<void> => {
    if (stopped()) return;
    if (options.maxDelete >= 0 && stats.deletes >= options.maxDelete) {
      if (!maxDeleteHit) {
        maxDeleteHit = true;
        stats.recordError(e.path, new RsyncishError('ERR_MAX_DELETE', `--max-delete threshold (${options.maxDelete}) reached; no more files will be deleted`, {
          hint: 'raise --max-delete if these deletions are intended', exitCode: 7,
        }), false, 'delete');
      }
      return;
    }
    stats.deletes++;
    const step = { path: e.path, action: job.backup ? 'delete into backup dir' : 'delete', size: e.size };
    if (options.dryRun) {
      stats.emit('dry-run', step);
      return;
    }
    if (!(await allowed(job.backup ? 'move into backup dir' : 'delete', e.path, step))) return;
    if (job.backup) {
      try {
        await backUp(e);
      } catch (err) {
        if (!stopped()) stats.recordError(e.path, err instanceof Error ? err : new Error(String(err)), true, 'backup');
        return;
      }
      stats.emit('deleted', { path: e.path, side: 'dst', backup: true });
      return;
    }
    await removeFile(dst, e.path, 'dst');
  };
  const backUp = async (e: Entry): Promise<void> => {
    const { to, serverSide } = await moveIntoBackup(dst, e, job.backup!, signal);
    if (serverSide) stats.renames++;
    stats.emit('backed-up', { path: e.path, to, serverSide });
  };

  /**
   * -i: whether the user lets this step happen. A refused step is told and
   * counted as a dry run's (`skipped`), as rclone's SkipDestructive does.
   */
  const allowed = async (action: DestructiveAction, subject: string, skipped: DryRunStep): Promise<boolean> => {
    if (!job.confirm) return true;
    const yes = await job.confirm(action, subject);
    if (stopped()) return false;
    if (!yes) stats.emit('dry-run', { ...skipped, flag: '--interactive' });
    return yes;
  };

  const sourceDone = (s: Entry): Promise<void> | undefined => (mode === 'move' ? deleteSource(s) : undefined);
  const deleteSource = async (s: Entry): Promise<void> => {
    if (stopped()) return;
    const step = { path: s.path, action: 'delete source (move)', size: s.size };
    if (options.dryRun) {
      stats.emit('dry-run', step);
      return;
    }
    if (!(await allowed('delete', s.path, step))) return;
    await removeFile(src, s.path, 'src');
  };
  /** A failed deletion is logged as one (rclone's "Couldn't delete"), not as a failed copy. */
  const removeFile = async (b: Backend, path: string, side: 'src' | 'dst'): Promise<void> => {
    try {
      await b.delete(path);
    } catch (err) {
      if (!stopped()) stats.recordError(path, err instanceof Error ? err : new Error(String(err)), true, 'delete');
      return;
    }
    stats.emit('deleted', { path, side });
  };

  const handleFile = (s: Entry, d: Entry | undefined, dstPath: string): void => {
    if (halted()) return;
    const max = dst.capabilities.maxFileSize;
    if (max !== undefined && s.size > max) {
      stats.recordError(s.path, new TooLargeError(`${s.path}: ${s.size} bytes is over ${dst.name}'s limit of ${max} bytes`, {
        hint: `skip such files with --max-size=${max}`,
      }), false);
      return;
    }
    // Most files are settled by size and modtime at once; only a hash
    // comparison is queued behind the checkers.
    const quick = decideWithoutHashes(s, d, quickCtx);
    if (quick.action === 'compare-hashes') {
      track(checks(async () => {
        // Queued before Ctrl-C: hashing a big file now would only delay the exit.
        signal?.throwIfAborted();
        return act(s, d, dstPath, await decideByHashes(quick, hashSources(s, d)));
      }), s.path);
    } else {
      const p = act(s, d, dstPath, quick);
      if (p) track(p, s.path);
    }
  };

  /** Carry out a decision; a promise only when there is work to wait for. */
  // `from`: undefined until --compare-dest/--copy-dest were looked in; then
  // null, or the equal copy --copy-dest found to copy from instead of the source.
  const act = (s: Entry, d: Entry | undefined, dstPath: string, decision: Decision, from?: Source | null): Promise<void> | undefined => {
    if (d && from === undefined) stats.checks++;
    const others = job.otherDests;
    if (others && from === undefined && decision.action === 'transfer') {
      return checks(async () => {
        const found = await findEqual(others, src, s, dstPath, options);
        if (found && others.kind === 'compare') {
          stats.emit('check', { path: s.path, result: 'skipped', reason: 'Destination found in --compare-dest, skipping' });
          return sourceDone(s);
        }
        return act(s, d, dstPath, decision, found ?? null);
      });
    }
    // --no-update-modtime: equal but for the modtime is equal, as rclone's updateModTime off.
    if (decision.action === 'set-modtime' && options.noUpdateModTime) decision = { action: 'equal', reason: `${decision.reason} (--no-update-modtime)` };
    if (d && options.immutable && (decision.action === 'transfer' || decision.action === 'set-modtime')) {
      if (decision.action === 'set-modtime') stats.emit('notice', { level: 'error', path: d.path, message: `${d.path}: Timestamp mismatch between immutable objects` });
      stats.recordError(d.path, new ImmutableModifiedError(), true, 'immutable');
      return undefined;
    }
    if (decision.action === 'skip' || decision.action === 'equal') {
      stats.emit('check', { path: s.path, result: decision.action === 'skip' ? 'skipped' : 'equal', reason: decision.reason });
      return decision.action === 'equal' ? sourceDone(s) : undefined;
    }
    if (decision.action === 'set-modtime' && dst.setModTime && s.modTime !== undefined) {
      if (options.dryRun) {
        stats.emit('dry-run', { path: s.path, action: 'set modification time' });
        return undefined;
      }
      const modTime = s.modTime;
      return (async () => {
        // Refused, the file is left as equal (rclone's Equal goes on to say so).
        if (!(await allowed('update modification time', s.path, { path: s.path, action: 'set modification time', size: s.size }))) return sourceDone(s);
        await dst.setModTime!(d!.path, modTime, s.modTimeNanos);
        stats.emit('transfer-done', { path: s.path, size: 0, ms: 0, action: 'modtime' });
        await sourceDone(s);
      })();
    }
    stats.totalTransfers++;
    stats.totalBytes += Math.max(0, s.size);
    if (options.dryRun) {
      // rclone's dry-run move is one step ("Skipped move"), server-side or not.
      const action = mode === 'move' ? 'move' : d ? 'copy (replace existing)' : 'copy (new)';
      stats.emit('dry-run', { path: s.path, action, size: s.size });
      return undefined;
    }
    // move: a rename where the destination can take the file from the source
    // (not when --copy-dest found it elsewhere: that is a copy from there).
    const renaming = mode === 'move' && dst.moveFrom !== undefined && !from;
    const copyStep = { path: s.path, action: d ? 'copy (replace existing)' : 'copy (new)', size: s.size };
    return pressure.run(async () => {
      // -i, as rclone asks: "move" for a move, then "copy" where it copies;
      // before the budget and any backup, so a refusal changes nothing.
      if (mode === 'move' && !(await allowed('move', s.path, { ...copyStep, action: 'move' }))) return false;
      if (!renaming && !(await allowed('copy', s.path, copyStep))) return false;
      if (halted() || !startsWithinBudget(s)) return false;
      // --backup-dir: the previous version goes there first (a failure keeps
      // it in place and copies nothing); the copy is then a new file.
      if (d && job.backup) await backUp(d);
      const replacing = d !== undefined && !job.backup;
      if (renaming) return moveOrTransfer(s, replacing ? d : undefined, dstPath);
      await runTransfer(s, dstPath, replacing, from ?? { backend: src, entry: s });
      return true;
    }, transfers).then((done) => (done ? sourceDone(s) : undefined));
  };

  /**
   * move: a rename on the destination's side when it can take the file from
   * the source, as rclone does (counted as a check and a rename, not a
   * transfer). Resolves true when it copied instead, and the source is still
   * to be deleted.
   */
  const moveOrTransfer = async (s: Entry, d: Entry | undefined, dstPath: string): Promise<boolean> => {
    signal?.throwIfAborted();
    const moved = await dst.moveFrom!(src, s.path, dstPath, { signal });
    if (!moved) {
      // -i: the "copy" question; not once a backup was made, which a refusal would leave as the only copy.
      const step = { path: s.path, action: d ? 'copy (replace existing)' : 'copy (new)', size: s.size };
      if (!job.backup && !(await allowed('copy', s.path, step))) return false;
      await runTransfer(s, dstPath, d !== undefined, { backend: src, entry: s });
      return true;
    }
    notATransfer(s);
    // The version it replaced is gone: rclone deletes it first and says so.
    if (d) {
      stats.deletes++;
      stats.emit('deleted', { path: d.path, side: 'dst' });
    } else {
      stats.checks++;
    }
    stats.renames++;
    const size = Math.max(0, moved.size >= 0 ? moved.size : s.size);
    stats.bytes += size;
    stats.totalBytes += size;
    stats.emit('transfer-done', { path: s.path, size, ms: 0, action: 'moved' });
    return false;
  };

  /** A file counted as a transfer when chosen that turned out not to be one (renamed, refused, skipped). */
  const notATransfer = (s: Entry): void => {
    stats.totalTransfers--;
    stats.totalBytes -= Math.max(0, s.size);
  };

  /** --max-transfer: whether this file may start; the first refusal stops the run's transfers. */
  const startsWithinBudget = (s: Entry): boolean => {
    const refused = budget.refuseStart(stats, s.size);
    if (!refused) return true;
    stopTransfers(refused, [s.path]);
    notATransfer(s);
    return false;
  };

  const runTransfer = async (s: Entry, dstPath: string, replacing: boolean, from: Source): Promise<void> => {
    // Queued before Ctrl-C: never started (and, for move, the source stays).
    signal?.throwIfAborted();
    const started = Date.now();
    stats.inFlight.set(s.path, { size: s.size, bytes: 0 });
    stats.emit('transfer-start', { path: s.path, size: s.size });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          // Under --max-transfer (hard) or --bwlimit every copy is streamed, so
          // that the limit applies to it (a backend's own copy counts its bytes
          // only once done, too late to cut it).
          const streamOnly = (budget.hard && options.maxTransfer >= 0) || job.bandwidth !== undefined;
          await transferFile({
            src: from.backend, dst, srcEntry: from.entry, dstPath, verifyByHash: options.checksum, replacing, signal: transferSignal, streamOnly, throttle: job.bandwidth,
          }, stats);
          break;
        } catch (err) {
          if (stopped() || cut.signal.aborted || !isRetryable(err) || attempt >= options.fileRetries) throw err;
          // Bytes of the failed attempt are not transferred bytes.
          const f = stats.inFlight.get(s.path);
          if (f) {
            stats.bytes -= f.bytes;
            f.bytes = 0;
          }
          stats.emit('retry', { path: s.path, attempt, of: options.fileRetries, error: err as Error });
          await delay(Math.min(2 ** (attempt - 1) * 100, 5_000), undefined, { signal });
        }
      }
      stats.transfers++;
      stats.emit('transfer-done', { path: s.path, size: s.size, ms: Date.now() - started, action: replacing ? 'updated' : 'copied' });
    } catch (err) {
      // Skipped, not failed (see track): no longer a transfer to count.
      if (isNotARegularFile(err)) {
        notATransfer(s);
      }
      throw err;
    } finally {
      stats.inFlight.delete(s.path);
    }
  };

  if (deadline.set) {
    stats.emit('notice', { level: 'info', message: `${dst.name}: Transfer session ${options.cutoffMode.toUpperCase()} deadline: ${logTime(deadline.at!)}` });
    // hard: what is in flight at the deadline is cut, as --max-transfer's hard cutoff.
    if (budget.hard) deadline.whenPassed(() => cut.abort(new MaxDurationReachedError()));
  }
  /** After the deletions, as rclone: a run past --max-duration fails, so that it is not retried. */
  const endOfRun = () => {
    deadline.dispose();
    if (!deadline.passed() || stopped()) return;
    const err = new MaxDurationReachedError();
    stats.emit('notice', { level: 'error', message: `${dst.name}: ${err.message}` });
    // rclone's soft and cautious modes cancel the run on this fatal error, and say so.
    if (!budget.hard) stats.emit('notice', { level: 'error', message: `Cancelling sync due to fatal error: ${err.message}` });
    stats.recordError('', err, true, 'none');
  };

  if (job.singleFile) {
    const s = { ...(await src.stat('')), path: '' };
    const name = job.singleFile.name;
    const d = await dst.stat(name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (d?.kind === 'dir') throw new RsyncishError('ERR_KIND_CLASH', `"${name}" is a directory on ${dst.name}`, { hint: 'give a file name as the destination' });
    if (filter.includeFile({ ...s, path: name })) handleFile(s, d, d?.path ?? name);
    await work.drain();
    endOfRun();
    return;
  }

  // move of a whole tree into a directory that does not exist yet: one
  // server-side operation where the destination can, as rclone's MoveDir
  // (only without filters, which would leave part of the tree behind).
  if (mode === 'move' && dst.moveDirFrom && !filter.active && !stopped()) {
    // As rclone, a dry run goes no further: it would have been one operation.
    if (options.dryRun) {
      stats.emit('dir-move', { outcome: 'dry-run', on: dst.name });
      return;
    }
    if (job.confirm && !(await job.confirm('server-side directory move', dst.name))) {
      if (!stopped()) stats.emit('dir-move', { outcome: 'dry-run', on: dst.name, flag: '--interactive' });
      return;
    }
    const result = await dst.moveDirFrom(src, '', '');
    stats.emit('dir-move', result.moved ? { outcome: 'moved', on: dst.name } : { outcome: 'fallback', on: dst.name, why: result.why });
    if (result.moved) return;
  }

  const makeDir = async (path: string): Promise<void> => {
    if (await allowed('make directory', path, { path, action: 'make directory' })) await dst.mkdir(path);
  };
  const askRmdir = (dir: string) => allowed('remove directory', dir, { path: dir, action: 'remove directory' });
  const deleting = mode === 'sync';
  // --track-renames: new source files wait until every extraneous destination
  // file is known, then those that are one renamed are moved, not copied.
  let renames = options.trackRenames.length > 0;
  if (renames) {
    const why = whyNoRenames(mode, src, dst, options.trackRenames, options);
    if (why) stats.emit('notice', { level: 'error', message: `${dst.name}: ${why}` });
    renames = why === undefined;
  }
  // As rclone: sync needs the destination's listing to know what to delete.
  if (options.noTraverse && deleting && !filter.hasFilesFrom) stats.emit('notice', { level: 'error', message: 'Ignoring --no-traverse with sync' });
  const newSources: Entry[] = [];
  // Renames are found among the deletions, so those wait until the end.
  const deleteMode = renames ? 'after' : options.deleteMode;
  // As rclone: the source is seen through the filter; the destination too,
  // unless --delete-excluded, which makes its excluded files extraneous.
  const included = (e: Entry) => (e.kind === 'dir' ? filter.includeDir(e.path) : filter.includeFile(e));
  const include = (e: Entry, side: 'src' | 'dst') => (side === 'dst' && options.deleteExcluded) || included(e);
  const queueDelete = (e: Entry) => {
    if (deleteMode === 'during') {
      track(checks(async () => {
        if (stats.hadIoError && !options.ignoreErrors) return;
        await deleteDst(e);
      }), e.path);
    } else {
      toDelete.push(e);
    }
  };

  // --delete-before: a first pass that only deletes, then the transfers.
  const pass = async (deleteOnly: boolean): Promise<void> => {
    await march(src, dst, options.checkers, stats, {
      include,
      fastList: options.fastList,
      // A marker on either side keeps the directory out of the run, never emptied.
      excludeListing: (s, d) => filter.listingHasMarker(s) || filter.listingHasMarker(d),
      stop: halted,
      backpressure: () => pressure.wait(),
      noTraverse: options.noTraverse && !deleting,
      file: ({ src: s, dst: d }) => {
        if (s) {
          if (deleteOnly) return;
          if (!d && renames) newSources.push(s);
          else handleFile(s, d, d?.path ?? s.path);
        } else if (d && deleting) {
          queueDelete(d);
        }
      },
      dir: ({ src: s, dst: d, path }) => {
        if (s && !d && options.createEmptySrcDirs && !deleteOnly) {
          if (options.dryRun) stats.emit('dry-run', { path, action: 'make directory' });
          // A directory --exclude-if-present marks is not made either.
          else if (filter.hasExcludeMarkers) track(filter.excludedByMarker(src, path).then((marked) => (marked ? undefined : makeDir(path))), path);
          else track(makeDir(path), path);
        }
        if (s) srcDirs.push(path);
        if (!s && d) {
          if (!deleting) return false;
          dstOnlyDirs.push(path);
        }
        return true;
      },
    }, options.ignoreCaseSync);
    await work.drain();
  };

  if (deleting && deleteMode === 'before') {
    await pass(true);
    await finishDeletes();
    toDelete.length = 0;
    dstOnlyDirs.length = 0;
    srcDirs.length = 0;
    await pass(false);
  } else {
    await pass(false);
    if (renames) await trackRenames();
    if (deleting) await finishDeletes();
  }
  if (mode === 'move' && options.deleteEmptySrcDirs && !stopped()) await removeEmptyDirs(src, srcDirs, stats, options.dryRun, askRmdir);
  endOfRun();

  /** Move each extraneous destination file that is a new source file renamed; copy the other new files. */
  async function trackRenames(): Promise<void> {
    if (halted()) return;
    stats.emit('notice', { level: 'info', message: `${dst.name}: Making map for --track-renames` });
    const pairs = await matchRenames(src, dst, options.trackRenames, options, newSources, toDelete);
    stats.emit('notice', { level: 'info', message: `${dst.name}: Finished making map for --track-renames` });
    const renamed = new Set(pairs.map((p) => p.src));
    for (const { src: s, dst: d } of pairs) {
      toDelete.splice(toDelete.indexOf(d), 1);
      track(checks(() => renameOnDestination(s, d)), s.path);
    }
    for (const s of newSources) if (!renamed.has(s)) handleFile(s, undefined, s.path);
    await work.drain();
  }

  /** A server-side move where the destination can, else its own copy and a delete (see moveFile). */
  async function renameOnDestination(s: Entry, d: Entry): Promise<void> {
    if (halted()) return;
    if (options.dryRun) {
      stats.emit('dry-run', { path: d.path, action: `move to ${s.path}` });
      return;
    }
    await moveFile(dst, d, dst, s.path, transferSignal);
    stats.renames++;
    stats.emit('renamed', { from: d.path, to: s.path });
    await sourceDone(s);
  }

  async function finishDeletes(): Promise<void> {
    // Interrupted: the run is incomplete, so nothing is judged extraneous.
    if (stopped() || cut.signal.aborted) return;
    if (stats.hadIoError && !options.ignoreErrors) {
      if (toDelete.length > 0 || dstOnlyDirs.length > 0 || deleteMode === 'during') {
        stats.deletesSkipped = true;
        stats.emit('notice', { message: 'not deleting files as there were IO errors' });
      }
      return;
    }
    await Promise.all(toDelete.map((e) => checks(() => deleteDst(e)).catch((err: unknown) => stats.recordError(e.path, err as Error))));
    if ((!stats.hadIoError || options.ignoreErrors) && !stopped()) await removeEmptyDirs(dst, dstOnlyDirs, stats, options.dryRun, askRmdir);
  }
}

/** Where a transfer reads: the source, or an equal copy found by --copy-dest. */
interface Source {
  backend: Backend;
  entry: Entry;
}

/** A step a dry run (or a refusal under -i) tells instead of doing. */
type DryRunStep = { path: string; action: string; size?: number };

/** Remove directories deepest first; ones that are not empty are left alone. `ask`: -i's question. */
async function removeEmptyDirs(b: Backend, dirs: string[], stats: Accounting, dryRun: boolean, ask: (dir: string) => Promise<boolean>): Promise<void> {
  const sorted = [...dirs].sort((a, z) => z.split('/').length - a.split('/').length || z.localeCompare(a));
  for (const d of sorted) {
    if (dryRun) {
      stats.emit('dry-run', { path: d, action: 'remove directory' });
      continue;
    }
    if (!(await ask(d))) continue;
    try {
      await b.rmdir(d);
      stats.emit('deleted', { path: d, side: 'dir' });
    } catch {
      // Not empty (it holds excluded or failed files): leaving it is correct.
    }
  }
}

/** Copy new and changed files; never deletes. */
export function copy(job: SyncJob, stats: Accounting): Promise<void> {
  return runSync('copy', job, stats);
}

/** Make the destination identical to the source, deleting extraneous files. */
export function sync(job: SyncJob, stats: Accounting): Promise<void> {
  return runSync('sync', job, stats);
}

/** Copy, then remove each source file once it is safely on the destination. */
export function move(job: SyncJob, stats: Accounting): Promise<void> {
  return runSync('move', job, stats);
}

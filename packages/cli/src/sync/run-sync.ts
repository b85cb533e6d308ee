import {
  Accounting,
  baseName,
  ExitCode,
  exitCodeOf,
  Filter,
  guardBackupDir,
  guardOverlap,
  hintOf,
  locateRoot,
  refuseFileDestination,
  statRoot,
  type InterruptedError,
  runSync,
  RsyncishError,
  withRunRetries,
  type EngineOptions,
  type OpenedRemote,
  type SyncJob,
  type SyncMode,
  type BackupTarget,
  type OtherDests,
  BandwidthLimiter,
  type BwPair,
  type BwSlot,
  type Logger,
} from '@rsyncish/core';
import { sizeSuffix } from '../stats/rclone-units.js';
import { catchInterrupts } from '../cli/interrupts.js';
import type { Session } from '../cli/session.js';
import { reportEngine, type RunTally } from '../output/engine-report.js';
import { progressStream, showsProgress, startStatsOutput } from '../output/stats-output.js';
import { snapshot, statsBlock, type StatsSnapshot } from '../stats/stats-block.js';
import { splitDest } from './split-dest.js';
import { failedMessage } from '../output/failed-message.js';
import { askDestructive, QuitAsked, type DestructiveQuestions } from './ask-destructive.js';

export interface SyncRequest {
  mode: SyncMode;
  /** copyto/moveto: DST names the file itself (when SRC is a file). */
  renameTo: boolean;
  src: string;
  dst: string;
  /** Options the command adds to the global ones (--delete-during, ...). */
  options?: Partial<EngineOptions>;
}

const VERB: Record<SyncMode, string> = { copy: 'copy', sync: 'sync', move: 'move' };

/**
 * copy, sync, move, copyto and moveto: open both sides, run the engine with
 * whole-run retries, report per file as rclone does, show progress and the
 * final stats, and fail with the last error's exit code when any file failed
 * (or 9 with --error-on-no-transfer when nothing was transferred).
 * Ctrl-C or SIGTERM aborts the transfers in flight, lets the backends remove
 * their temp files, prints the stats so far and exits with 128 + the signal.
 */
export async function runSyncCommand(session: Session, req: SyncRequest): Promise<void> {
  const interrupts = catchInterrupts(session.logger);
  // -i: questions on stdout (stderr under --json, whose events own stdout).
  const questions = session.interactive ? askDestructive({
    input: process.stdin,
    output: session.json.enabled ? process.stderr : process.stdout,
    logger: session.logger,
    signal: interrupts.signal,
  }) : undefined;
  try {
    await runSyncSession(session, req, interrupts.signal, questions);
  } finally {
    questions?.close();
    if (interrupts.interrupted) interrupts.exit();
    interrupts.dispose();
  }
}

async function runSyncSession(session: Session, req: SyncRequest, interrupted: AbortSignal, questions?: DestructiveQuestions): Promise<void> {
  // Ctrl-C, or under -i an answer q or the end of stdin: the run stops the same way.
  const signal = questions ? AbortSignal.any([interrupted, questions.ended]) : interrupted;
  const { logger } = session;
  const src = await session.open(req.src);
  let dst: OpenedRemote | undefined;
  let backupDir: OpenedRemote | undefined;
  const others: OpenedRemote[] = [];
  try {
    const root = await statRoot(src);
    let single: string | undefined;
    if (root.kind === 'file') {
      const target = req.renameTo ? splitDest(req.dst, `${VERB[req.mode]}to`) : undefined;
      dst = await session.open(target?.parent ?? req.dst);
      single = target?.name ?? baseName(src.location.path.replace(/\/+$/, ''));
    } else {
      dst = await session.open(req.dst);
    }
    const filter = new Filter(session.filter);
    const srcName = baseName(src.location.path.replace(/\/+$/, ''));
    const singleFile = single === undefined ? undefined : { name: single };
    // Before anything is listed or written: a tree synced into itself loses data.
    const srcHasDir = async (path: string) => (await src.backend.stat(path).catch(() => undefined))?.kind === 'dir';
    if (await guardOverlap(req.mode, await locateRoot(src), await locateRoot(dst), filter, singleFile, srcHasDir) === 'already-there') {
      logger.notice(`${single ?? dst.backend.name}: Nothing to do as source and destination are the same`);
      return;
    }
    // After the overlap guard, whose refusal of a file as its own destination says more.
    await refuseFileDestination(dst);
    let backup: BackupTarget | undefined;
    if (session.backup) {
      const { dir, suffix, keepExtension } = session.backup;
      if (dir !== undefined) {
        backupDir = await session.open(dir);
        guardBackupDir(await locateRoot(src), await locateRoot(dst), await locateRoot(backupDir), filter);
      }
      backup = { backend: backupDir?.backend ?? dst.backend, suffix, keepExtension };
    }
    let otherDests: OtherDests | undefined;
    if (session.otherDests) {
      for (const path of session.otherDests.paths) others.push(await session.open(path));
      if (session.otherDests.kind === 'copy') await guardCopyDest(dst, others);
      otherDests = { kind: session.otherDests.kind, backends: others.map((o) => o.backend) };
    }
    const job: SyncJob = {
      src: src.backend,
      dst: dst.backend,
      options: { ...session.engine, ...req.options },
      filter,
      singleFile,
      signal,
      backup,
      otherDests,
      bandwidth: session.bwlimit && limiter(session.bwlimit, logger),
      // A single file's path is '': the question names it.
      confirm: questions && ((action, subject) => questions.confirm(action, subject || srcName)),
    };
    const stats = new Accounting();
    const tally = reportEngine(stats, logger, session.json, single, srcName);
    const view = () => combined(stats, tally);
    const stopStats = startStatsOutput(session, {
      text: () => statsBlock(view(), session.statsOneLine),
      fields: () => statsFields(view()),
      busy: () => stats.totalTransfers > 0 || stats.inFlight.size > 0,
    });
    try {
      await withRunRetries(
        session.retries,
        stats,
        // A failure of the whole pass (a listing that broke) is one more error to retry.
        () => runSync(req.mode, job, stats).catch((err: unknown) => {
          if (!signal.aborted) stats.recordError('', err instanceof Error ? err : new Error(String(err)));
        }),
        {
          // rclone's words and levels (cmd.Run), including the last attempt's failure.
          succeeded: (attempt, of) => logger.error(`Attempt ${attempt}/${of} succeeded`),
          failed: (attempt, of, retrying) => {
            const message = stats.lastError?.message ?? 'unknown error';
            logger.error(`Attempt ${attempt}/${of} failed with ${stats.errors} errors and: ${message}`);
            session.json.emit('attempt-failed', { attempt, of, errors: stats.errors, message, retrying });
            // A dry run repeats the same imagined work: count it once, not per attempt.
            if (retrying && job.options.dryRun) {
              tally.startAttempt();
              stats.checks = 0;
            }
          },
          stopped: (why) => logger.error(why === 'fatal'
            ? 'Fatal error received - not attempting retries'
            : "Can't retry any of the errors - not attempting retries"),
        },
        session.retriesSleepMs,
        signal,
      );
    } finally {
      stopStats();
    }
    const transferred = stats.transfers + tally.dryRunFiles;
    if (signal.aborted && !interrupted.aborted) {
      // -i: q exits at once and quietly, as rclone (exit 0); stdin ended is an error.
      if (signal.reason instanceof QuitAsked) return;
      throw signal.reason;
    }
    if (signal.aborted) {
      // rclone prints nothing at exit on a signal; the stats so far say what was done before it.
      const sofar = view();
      session.logger.notice(statsBlock(sofar, session.statsOneLine));
      session.json.emit('interrupted', { signal: (signal.reason as InterruptedError).signalName });
      session.json.emit('stats', { final: true, ...statsFields(sofar) });
      return;
    }
    // rclone says it for a tree only (a single file goes through another path),
    // and not after a whole tree moved server-side (its MoveDir returns early).
    if (transferred === 0 && stats.errors === 0 && single === undefined && !tally.dirMoved) logger.info('There was nothing to transfer');
    const final = view();
    finalStats(session, statsBlock(final, session.statsOneLine), stats.errors > 0);
    session.json.emit('stats', { final: true, ...statsFields(final) });
    if (stats.errors > 0) {
      const last = stats.lastError;
      throw new RsyncishError('ERR_SYNC_FAILED', failedMessage(VERB[req.mode], stats.errors, last?.message ?? 'unknown'), {
        exitCode: exitCodeOf(last) ?? ExitCode.UncategorizedError,
        hint: hintOf(last),
      });
    }
    if (session.errorOnNoTransfer && transferred === 0) process.exitCode = ExitCode.NoFilesTransferred;
  } finally {
    await src.backend.close?.();
    await dst?.backend.close?.();
    await backupDir?.backend.close?.();
    for (const o of others) await o.backend.close?.();
  }
}

/** --bwlimit's limiter, logging as rclone when it starts and when the timetable changes it. */
function limiter(slots: BwSlot[], logger: Logger): BandwidthLimiter {
  const rate = (b: BwPair) => (b.tx === b.rx ? sizeSuffix(b.tx) : `${sizeSuffix(b.tx)}:${sizeSuffix(b.rx)}`);
  const limited = (b: BwPair) => b.tx > 0 || b.rx > 0;
  return new BandwidthLimiter(slots, (b, first) => {
    if (first) {
      if (limited(b)) logger.info(`Starting bandwidth limiter at ${rate(b)} Byte/s`);
    } else {
      logger.notice(`Scheduled bandwidth change. Limit set to ${limited(b) ? `${rate(b)} Byte/s` : 'off'}`);
    }
  });
}

/** rclone's rule: --copy-dest copies within the destination's storage, so it must be there. */
async function guardCopyDest(dst: OpenedRemote, copyDests: OpenedRemote[]): Promise<void> {
  const store = (await locateRoot(dst)).store;
  for (const c of copyDests) {
    if ((await locateRoot(c)).store !== store) {
      throw new RsyncishError('ERR_COPY_DEST', 'parameter to --copy-dest has to be on the same remote as destination', {
        exitCode: ExitCode.FatalError,
        hint: "give a --copy-dest path on the destination's remote",
      });
    }
  }
}

/**
 * As rclone: -P leaves its last block on its own stream, and the stats are
 * logged at INFO or --stats-log-level (so -v shows them, a quiet cron run
 * does not; a dry run at NOTICE at least) unless --stats 0 turned them off
 * and the run had no errors to account for.
 */
function finalStats(session: Session, block: string, errored: boolean): void {
  if (showsProgress(session)) progressStream(session).write(`${block.replace(/^\n+|\n+$/g, '')}\n`);
  if (session.statsIntervalMs > 0 || errored) session.logStats(block);
}

/** The engine's counters with what only the events tell: dry-run transfers and deletions. */
function combined(stats: Accounting, tally: RunTally): StatsSnapshot {
  const s = snapshot(stats, stats.hadRetryError);
  return {
    ...s,
    bytes: s.bytes + tally.dryRunBytes,
    transfers: s.transfers + tally.dryRunFiles,
    deletedFiles: tally.deletedFiles,
    deletedDirs: tally.deletedDirs,
    deletesSkipped: stats.deletesSkipped,
  };
}

/** The numbers of a stats block, for JSON `stats` events. */
export function statsFields(s: StatsSnapshot): Record<string, unknown> {
  const seconds = s.elapsedMs / 1000;
  return {
    bytes: s.bytes,
    totalBytes: Math.max(s.totalBytes, s.bytes),
    speed: seconds > 0 ? Math.round(s.bytes / seconds) : 0,
    transfers: s.transfers,
    totalTransfers: Math.max(s.totalTransfers, s.transfers),
    checks: s.checks,
    renames: s.renames ?? 0,
    errors: s.errors,
    deletedFiles: s.deletedFiles ?? 0,
    deletedDirs: s.deletedDirs ?? 0,
    deletesSkipped: s.deletesSkipped ?? false,
    elapsedMs: s.elapsedMs,
    transferring: s.inFlight,
  };
}

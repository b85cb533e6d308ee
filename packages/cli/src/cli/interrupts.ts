import { setMaxListeners } from 'node:events';
import { constants } from 'node:os';
import { InterruptedError, type Logger } from '@rsyncish/core';

/** How long backends get after the first Ctrl-C to remove what they began. */
export const GRACE_MS = 10_000;

/** rclone logs Go's names for the signals. */
const GO_NAMES: Record<string, string> = { SIGINT: 'interrupt', SIGTERM: 'terminated' };
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** What catchInterrupts needs from the process; tests give their own. */
export interface InterruptHost {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export interface Interrupts {
  /** Aborted at the first SIGINT or SIGTERM, with an InterruptedError as its reason. */
  readonly signal: AbortSignal;
  /** The error the run was interrupted with, once it was. */
  readonly interrupted: InterruptedError | undefined;
  /** Exit now with 128 + the signal's number (after the clean-up). */
  exit(): void;
  /** Stop listening: the run ended on its own. */
  dispose(): void;
}

/**
 * Ctrl-C and SIGTERM during a run that writes, as rclone's lib/atexit: the
 * first signal is logged at INFO ("Signal received: interrupt") and aborts
 * the run's AbortSignal, so transfers in flight stop and their backends
 * remove their temp files and objects; the caller then reports and calls
 * exit(). Should clean-up take longer than `graceMs`, or a second signal come,
 * the process exits at once, which never leaves a truncated file under a real
 * name (only temp names, and the local backend removes its own at exit).
 */
export function catchInterrupts(logger: Logger, host: InterruptHost = process, graceMs = GRACE_MS): Interrupts {
  const controller = new AbortController();
  // Every transfer in flight listens to it (several listeners each with --transfers 32).
  setMaxListeners(0, controller.signal);
  let interrupted: InterruptedError | undefined;
  let timer: NodeJS.Timeout | undefined;

  const dispose = () => {
    for (const s of SIGNALS) host.off(s, onSignal);
    if (timer) clearTimeout(timer);
  };
  const exit = () => {
    dispose();
    logger.info('Exiting...');
    host.exit(interrupted?.exitCode ?? 0);
  };
  function onSignal(sig: NodeJS.Signals): void {
    const code = 128 + (constants.signals[sig] ?? 0);
    if (interrupted) {
      logger.notice(`${sig} received again: exiting without waiting for the clean-up`);
      dispose();
      host.exit(code);
      return;
    }
    interrupted = new InterruptedError(sig, code);
    logger.info(`Signal received: ${GO_NAMES[sig] ?? sig}`);
    timer = setTimeout(() => {
      logger.notice(`clean-up after ${sig} took more than ${graceMs / 1000}s: exiting without it`);
      exit();
    }, graceMs);
    controller.abort(interrupted);
  }

  for (const s of SIGNALS) host.on(s, onSignal);
  return {
    signal: controller.signal,
    get interrupted() {
      return interrupted;
    },
    exit,
    dispose,
  };
}

import { RsyncishError } from './rsyncish-error.js';

/**
 * Why a run's work was aborted: the user pressed Ctrl-C (SIGINT) or the
 * process was asked to stop (SIGTERM). The exit code is 128 + the signal's
 * number, as a shell reports a process a signal ended (rclone does the same).
 */
export class InterruptedError extends RsyncishError {
  constructor(readonly signalName: string, exitCode: number) {
    super('ERR_INTERRUPTED', `interrupted by ${signalName}`, {
      exitCode,
      hint: 'run the command again to finish: files already copied are skipped',
    });
  }
}

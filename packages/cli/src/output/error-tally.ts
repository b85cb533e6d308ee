import { ExitCode, exitCodeOf, formatError, hintOf, RsyncishError, type Logger } from '@rsyncish/core';
import { errorFields } from './engine-report.js';
import type { JsonEvents } from './json-events.js';
import { failedMessage } from './failed-message.js';

/**
 * Errors of a command that goes on after each one (listing, hashing,
 * deleting): each is logged as it comes, and at the end the run fails with
 * the last error's exit code, as rclone does.
 */
export class ErrorTally {
  count = 0;
  last?: Error;

  constructor(private readonly logger: Logger, private readonly json: JsonEvents, private readonly what: string) {}

  readonly add = (path: string, err: Error): void => {
    this.count++;
    this.last = err;
    this.logger.error(`${path || '/'}: ${this.what}: ${formatError(err)}`);
    this.json.emit('error', errorFields(path, err));
  };

  throwIfAny(verb: string): void {
    if (!this.last) return;
    throw new RsyncishError('ERR_COMMAND_FAILED', failedMessage(verb, this.count, this.last.message), {
      exitCode: exitCodeOf(this.last) ?? ExitCode.UncategorizedError,
      hint: hintOf(this.last),
    });
  }
}

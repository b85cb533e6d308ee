import { ExitCode, RsyncishError, type ErrorOptions } from './rsyncish-error.js';

/** Bad input from the user: a flag, a remote name, a config file. Exit code 1. */
export class UsageError extends RsyncishError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, { exitCode: ExitCode.UsageError, ...options });
  }
}

export class ConfigError extends RsyncishError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('ERR_CONFIG', message, { exitCode: ExitCode.UsageError, ...options });
  }
}

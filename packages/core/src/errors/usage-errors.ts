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

/** A remote's section has no `type =` line (or an empty one), so no backend can open it. */
export class RemoteWithoutTypeError extends UsageError {
  constructor(remote: string, file: string) {
    super('ERR_REMOTE_WITHOUT_TYPE', `remote "${remote}" has no type = in its section of ${file}`, {
      hint: `add "type = <backend>" under [${remote}] ("rsyncish backends" lists the types), or make the remote again with "rsyncish config"`,
    });
  }
}

import { UsageError } from './usage-errors.js';

/** A required option with no value and no default. Exit code 1. */
export class MissingOptionError extends UsageError {
  constructor(readonly option: string, where: string, hint: string) {
    super('ERR_OPTION_REQUIRED', `option ${option} (${where}) is required and has no default`, { hint });
  }
}

/** A value outside an option's exclusive choices. Exit code 1. */
export class OptionChoiceError extends UsageError {
  constructor(readonly option: string, where: string, shown: string, readonly choices: readonly string[]) {
    super('ERR_OPTION_CHOICE', `invalid option ${option} (${where}): ${shown} is not one of ${choices.join(', ')}`, {
      hint: `set ${option} to one of: ${choices.join(', ')} ("rsyncish backends" describes each)`,
    });
  }
}

import { obscure, parseOption, type OptionSpec } from '@rsyncish/core';
import type { WizardIO } from './io.js';
import { pickNumbered, printNumbered } from './numbered-list.js';

const ENTER_WHAT: Record<OptionSpec['type'], string> = {
  string: 'Enter a string value.',
  bool: 'Enter a boolean value (true or false).',
  int: 'Enter a signed integer.',
  size: 'Enter a size with suffix K,M,G,T.',
  duration: 'Enter a duration s,m,h,d,w,M,y.',
};

/**
 * Ask one backend option as rclone does: `Option name.`, its help, examples,
 * what to type and the default, then `name>`. The answer is checked against
 * the option's type (and an exclusive option's choices) and asked again until it parses. Returns the text to store
 * (a password obscured, as rclone stores it); '' means "not set" (the default applies).
 */
export async function askOption(io: WizardIO, spec: OptionSpec, current?: string): Promise<string> {
  io.print(`Option ${spec.name}.`);
  for (const line of spec.help.split('\n')) io.print(line);
  if (spec.examples?.length) {
    // rclone's words: "an existing value" when only the listed values are allowed.
    io.print(`Choose a number from below, or type in ${spec.exclusive ? 'an existing' : 'your own'} value.`);
    printNumbered(io, spec.examples);
  }
  const keep = current !== undefined && current !== '';
  const fallback = keep ? current : spec.default;
  io.print(instruction(spec, keep, fallback));
  for (;;) {
    let answer = await io.ask(spec.name);
    if (spec.examples?.length) answer = pickNumbered(answer, spec.examples);
    if (answer === '') {
      if (keep) return current;
      if (spec.required && spec.default === undefined) {
        io.print('This value is required and it has no default.');
        continue;
      }
      return '';
    }
    try {
      parseOption(spec, answer, 'wizard');
      return spec.password ? obscure(answer) : answer;
    } catch (err) {
      io.print(`Failed to parse ${JSON.stringify(answer)}: ${(err as Error).message}`);
    }
  }
}

function instruction(spec: OptionSpec, keep: boolean, fallback: string | undefined): string {
  if (keep && (spec.secret || spec.password)) return 'Enter a value. Press Enter to keep the current value.';
  if (fallback !== undefined && fallback !== '') return `${ENTER_WHAT[spec.type]} Press Enter for the default (${fallback}).`;
  if (spec.required) return 'Enter a value.';
  return 'Enter a value. Press Enter to leave empty.';
}

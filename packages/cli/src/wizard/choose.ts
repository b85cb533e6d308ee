import type { WizardIO } from './io.js';

export interface Choice {
  key: string;
  label: string;
}

/**
 * rclone's letter menu: `k) Label` lines, then `a/b/c>`; an empty answer takes
 * the default, anything else not listed is refused and asked again.
 */
export async function choose(io: WizardIO, choices: Choice[], defaultKey?: string): Promise<string> {
  for (const c of choices) io.print(`${c.key}) ${c.label}${c.key === defaultKey ? ' (default)' : ''}`);
  const keys = choices.map((c) => c.key);
  for (;;) {
    const answer = (await io.ask(keys.join('/'))).toLowerCase();
    if (answer === '' && defaultKey !== undefined) return defaultKey;
    // Like rclone, the first character decides: "yes" is y.
    const hit = keys.find((k) => k === answer.slice(0, 1));
    if (hit !== undefined) return hit;
    io.print(`This value must be one of the following characters: ${keys.join(', ')}.`);
  }
}

/** A yes/no question with rclone's layout. */
export async function confirm(io: WizardIO, question: string, defaultYes: boolean): Promise<boolean> {
  io.print(question);
  const answer = await choose(io, [{ key: 'y', label: 'Yes' }, { key: 'n', label: 'No' }], defaultYes ? 'y' : 'n');
  return answer === 'y';
}

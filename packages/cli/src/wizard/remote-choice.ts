import { formatError } from '@rsyncish/core';
import { assertRemoteName } from '../remote-config/key-values.js';
import type { WizardContext } from './context.js';

/** rclone's `Current remotes:` table. */
export async function printRemotes(ctx: WizardContext): Promise<void> {
  const { io, store } = ctx;
  io.print('Current remotes:');
  io.print();
  io.print(`${'Name'.padEnd(20)} Type`);
  io.print(`${'===='.padEnd(20)} ====`);
  for (const name of await store.remotes()) io.print(`${name.padEnd(20)} ${(await store.get(name))?.['type'] ?? ''}`);
  io.print();
}

/** `Select remote.` with a numbered list; a number or an existing name answers. */
export async function selectRemote(ctx: WizardContext): Promise<string> {
  const { io, store } = ctx;
  const names = await store.remotes();
  io.print('Select remote.');
  io.print('Choose a number from below, or type in an existing value.');
  const width = String(names.length).length;
  names.forEach((n, i) => io.print(`${String(i + 1).padStart(width + 1)} > ${n}`));
  for (;;) {
    const answer = await io.ask('remote');
    const byNumber = /^\d+$/.test(answer) ? names[Number(answer) - 1] : undefined;
    const name = byNumber ?? names.find((n) => n === answer.replace(/:$/, ''));
    if (name !== undefined) return name;
    io.print(`There is no remote called ${JSON.stringify(answer)}: choose a number or a name from the list.`);
  }
}

/** Ask for a name that is valid and not taken yet. */
export async function askNewName(ctx: WizardContext, question: string): Promise<string> {
  const { io, store } = ctx;
  io.print(question);
  for (;;) {
    const name = (await io.ask('name')).replace(/:$/, '');
    try {
      assertRemoteName(name);
    } catch (err) {
      io.print(formatError(err));
      continue;
    }
    if ((await store.get(name)) !== undefined) {
      io.print(`Remote "${name}" already exists.`);
      continue;
    }
    return name;
  }
}

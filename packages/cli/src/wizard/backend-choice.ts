import type { BackendDefinition } from '@rsyncish/core';
import type { WizardIO } from './io.js';
import { pickNumbered, printNumbered } from './numbered-list.js';

/**
 * The `Storage>` question: every registered backend, sorted by description as
 * rclone sorts them; the number or the type name both answer it.
 */
export async function chooseBackend(io: WizardIO, definitions: readonly BackendDefinition[]): Promise<BackendDefinition> {
  const sorted = [...definitions].sort((a, b) => a.description.localeCompare(b.description, 'en'));
  const items = sorted.map((d) => ({ value: d.type, help: d.description }));
  io.print('Option Storage.');
  io.print('Type of storage to configure.');
  io.print('Choose a number from below, or type in your own value.');
  printNumbered(io, items);
  for (;;) {
    const answer = await io.ask('Storage');
    if (answer === '') continue;
    const type = pickNumbered(answer, items).toLowerCase();
    const def = sorted.find((d) => d.type.toLowerCase() === type);
    if (def) return def;
    io.print(`Couldn't find backend for type "${answer}": choose a number from the list or type a name in brackets.`);
  }
}

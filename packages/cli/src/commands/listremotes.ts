import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class ListRemotes extends BaseCommand<typeof ListRemotes> {
  static override summary = 'List all the remotes in the config file.';
  static override description = 'One `name:` per line, in file order; with --long, the type too.';
  static override examples = [
    { command: '<%= config.bin %> listremotes', description: 'Names only.' },
    { command: '<%= config.bin %> listremotes --long', description: 'Names and types.' },
  ];
  static override flags = { long: Flags.boolean({ description: 'Show the type as well as names.' }) };

  async run(): Promise<void> {
    const { store } = this.session;
    const remotes = await store.remotes();
    const width = Math.max(0, ...remotes.map((r) => r.length + 1));
    for (const r of remotes) {
      if (this.flags.long) this.log(`${`${r}:`.padEnd(width)} ${(await store.get(r))?.type ?? ''}`);
      else this.log(`${r}:`);
    }
  }
}

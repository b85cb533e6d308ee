import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Purge extends BaseCommand<typeof Purge> {
  static override summary = 'Remove the path and all of its contents.';
  static override description =
    'Removes the directory and everything in it. Filters do not apply (use delete for that). There is no undo on ' +
    'backends that delete for good; try --dry-run first.';
  static override examples = [{ command: '<%= config.bin %> purge backup:old-photos', description: 'Remove a folder and its contents.' }];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };

  async run(): Promise<void> {
    const { runRemove } = await import('../sync/run-remove.js');
    await runRemove(this.session, { kind: 'purge', path: this.args.path });
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Rmdirs extends BaseCommand<typeof Rmdirs> {
  static override summary = 'Remove empty directories under the path.';
  static override description =
    'Removes every empty directory under the path, deepest first, so a tree of nothing but empty directories goes ' +
    'entirely; the path itself too unless --leave-root. Directories holding any file are kept.';
  static override examples = [{ command: '<%= config.bin %> rmdirs --leave-root backup:photos', description: 'Tidy empty folders, keep the top.' }];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };
  static override flags = { 'leave-root': Flags.boolean({ description: 'Do not remove root directory if empty.' }) };

  async run(): Promise<void> {
    const { runRemove } = await import('../sync/run-remove.js');
    await runRemove(this.session, { kind: 'rmdirs', path: this.args.path, leaveRoot: this.flags['leave-root'] });
  }
}

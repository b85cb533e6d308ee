import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Delete extends BaseCommand<typeof Delete> {
  static override summary = 'Remove the files in path.';
  static override description =
    'Removes the files under the path that pass the filters (unlike purge, which ignores filters and removes ' +
    'everything). Directories are kept unless --rmdirs, which then removes the ones left empty (never the path ' +
    'itself). Try it first with --dry-run.';
  static override examples = [
    { command: '<%= config.bin %> delete --dry-run --min-age 30d backup:logs', description: 'Show which logs older than 30 days would go.' },
    { command: '<%= config.bin %> delete --include "*.tmp" --rmdirs /srv/scratch', description: 'Remove temp files and the folders they leave empty.' },
  ];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };
  static override flags = { rmdirs: Flags.boolean({ description: 'rmdirs removes empty directories but leaves root intact.' }) };

  async run(): Promise<void> {
    const { runRemove } = await import('../sync/run-remove.js');
    await runRemove(this.session, { kind: 'delete', path: this.args.path, rmdirs: this.flags.rmdirs });
  }
}

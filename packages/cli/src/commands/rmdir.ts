import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { loadCore } from '../cli/load-core.js';

export default class Rmdir extends BaseCommand<typeof Rmdir> {
  static override summary = 'Remove the empty directory at path.';
  static override description =
    'Removes the directory, which must be empty: a directory that holds anything is an error and is left as it is ' +
    '(use rmdirs for a tree of empty directories, purge for a directory and its contents).';
  static override examples = [{ command: '<%= config.bin %> rmdir backup:photos/empty', description: 'Remove one empty folder.' }];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };

  async run(): Promise<void> {
    const { statRoot } = loadCore();
    const remote = await this.session.open(this.args.path);
    try {
      await statRoot(remote);
      if (this.session.engine.dryRun) {
        this.session.logger.notice(`${remote.backend.name}: Skipped remove directory as --dry-run is set`);
        this.session.json.emit('dry-run', { path: '', action: 'remove directory' });
        return;
      }
      await remote.backend.rmdir('');
      this.session.logger.info(`${remote.backend.name}: Removing directory`);
      this.session.json.emit('deleted', { path: '', side: 'dir' });
    } finally {
      await remote.backend.close?.();
    }
  }
}

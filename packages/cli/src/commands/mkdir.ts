import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Mkdir extends BaseCommand<typeof Mkdir> {
  static override summary = 'Make the path if it does not already exist.';
  static override description = 'Creates the directory, and any parents it needs. An existing directory is not an error.';
  static override examples = [{ command: '<%= config.bin %> mkdir backup:photos/2025', description: 'Make a folder on a remote.' }];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };

  async run(): Promise<void> {
    const remote = await this.session.open(this.args.path);
    try {
      if (this.session.engine.dryRun) {
        this.session.logger.notice(`${remote.backend.name}: Skipped make directory as --dry-run is set`);
        this.session.json.emit('dry-run', { path: '', action: 'make directory' });
        return;
      }
      // rclone's line, at its level: a directory that may already exist is no news at -v.
      this.session.logger.debug(`${remote.backend.name}: Making directory`);
      await remote.backend.mkdir('');
    } finally {
      await remote.backend.close?.();
    }
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';

export default class ConfigDelete extends BaseCommand<typeof ConfigDelete> {
  static override summary = 'Delete an existing remote.';
  static override description = 'Removes the section NAME from the config file (written atomically, mode 0600). Deleting a remote that does not exist is not an error, as in rclone.';
  static override examples = [{ command: '<%= config.bin %> config delete old-backup', description: 'Forget a remote.' }];
  static override args = { name: Args.string({ required: true, description: 'Name of the remote.' }) };

  async run(): Promise<void> {
    if (!(await this.session.store.delete(this.args.name))) {
      this.session.logger.notice(`remote "${this.args.name}" is not in ${this.session.store.path}; nothing to delete`);
    }
  }
}

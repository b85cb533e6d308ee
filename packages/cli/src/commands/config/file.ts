import { access } from 'node:fs/promises';
import { BaseCommand } from '../../base-command.js';

export default class ConfigFile extends BaseCommand<typeof ConfigFile> {
  static override summary = 'Show path of configuration file in use.';
  static override description = 'The file from --config, else $RSYNCISH_CONFIG, else ~/.config/rsyncish/rsyncish.conf ($XDG_CONFIG_HOME is honoured).';
  static override examples = [{ command: '<%= config.bin %> config file', description: 'Where remotes are stored.' }];

  async run(): Promise<void> {
    const { path } = this.session.store;
    const exists = await access(path).then(() => true, () => false);
    this.log(exists ? 'Configuration file is stored at:' : "Configuration file doesn't exist, but rsyncish will use this path:");
    this.log(path);
  }
}

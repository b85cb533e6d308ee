import { BaseCommand } from '../base-command.js';

export default class Version extends BaseCommand<typeof Version> {
  static override summary = 'Show the version number.';
  static override description = 'Like rclone version: the version, the platform, the Node.js version and every backend plugin loaded.';
  static override examples = [{ command: '<%= config.bin %> version', description: 'Versions of rsyncish and its backends.' }];

  async run(): Promise<void> {
    const { config, session } = this;
    const lines = [
      `${config.bin} v${config.version}`,
      `- os/arch: ${config.platform}/${config.arch}`,
      `- node: ${process.version}`,
      '- backends:',
    ];
    for (const def of session.registry.all()) {
      const pluginName = session.registry.pluginOf(def.type) ?? '';
      const version = config.plugins.get(pluginName)?.version ?? '?';
      lines.push(`  - ${def.type}: ${pluginName} v${version}`);
    }
    this.log(lines.join('\n'));
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Backends extends BaseCommand<typeof Backends> {
  static override summary = 'List the installed backend types with their capabilities and options.';
  static override description =
    'Every backend type registered by a plugin (built in or added with "rsyncish plugins install"), what it can do ' +
    '(hashes, modification times, case sensitivity, trash, size limit, empty directories, server-side copy/move, a recursive listing for --fast-list) and ' +
    'its options: the config-file name, the matching --<type>-<option> flag and RSYNCISH_<TYPE>_<OPTION> variable, ' +
    'the type, the default and the help.';
  static override examples = [
    { command: '<%= config.bin %> backends', description: 'Human-readable.' },
    { command: '<%= config.bin %> backends --json', description: 'For scripts.' },
  ];
  static override flags = { json: Flags.boolean({ description: 'Print JSON instead of text.' }) };

  async run(): Promise<void> {
    const { describeBackends, backendsText } = await import('../backends/describe.js');
    const described = describeBackends(this.session.registry);
    this.log(this.flags.json ? JSON.stringify(described, null, 2) : backendsText(described));
  }
}

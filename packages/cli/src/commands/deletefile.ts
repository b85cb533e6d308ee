import { BaseCommand } from '../base-command.js';
import { remotePathArg } from '../listing/flags.js';

export default class Deletefile extends BaseCommand<typeof Deletefile> {
  static override summary = 'Remove a single file from remote.';
  static override description =
    'Removes the one file the path names. Unlike delete it never removes more: a directory, or a path that does ' +
    'not exist, is refused (exit 1). --dry-run shows what would be removed.';
  static override examples = [{ command: '<%= config.bin %> deletefile backup:old/report.pdf', description: 'Remove one file.' }];
  static override args = { path: remotePathArg };

  async run(): Promise<void> {
    const { runDeletefile } = await import('../file-ops/run-deletefile.js');
    await runDeletefile(this.session, this.args.path);
  }
}

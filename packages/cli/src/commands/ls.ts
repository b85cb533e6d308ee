import { BaseCommand } from '../base-command.js';
import { maxDepthFlag, remotePathArg } from '../listing/flags.js';

export default class Ls extends BaseCommand<typeof Ls> {
  static override summary = 'List the objects in the path with size and path.';
  static override description =
    'Lists every file under the path, recursively, one per line: the size in bytes, right-aligned in 9 columns, then the path ' +
    'relative to the listed path. Directories are not shown (see lsd). Output is line for line the same as rclone ls.';
  static override examples = [
    { command: '<%= config.bin %> ls /srv/photos', description: 'Every file under a local directory.' },
    { command: '<%= config.bin %> ls drive:backup --max-depth 1', description: 'Only the files at the top of a remote path.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = { 'max-depth': maxDepthFlag };

  async run(): Promise<void> {
    const { listRemote } = await import('../listing/list-remote.js');
    const { lsLine } = await import('../listing/ls-lines.js');
    await listRemote(this.session, { path: this.args.path, kind: 'files', maxDepth: this.flags['max-depth'], format: lsLine });
  }
}

import { BaseCommand } from '../base-command.js';
import { maxDepthFlag, remotePathArg } from '../listing/flags.js';

export default class Lsl extends BaseCommand<typeof Lsl> {
  static override summary = 'List the objects in the path with modification time, size and path.';
  static override description =
    'Like ls, with the modification time in local time to the nanosecond (backends that keep milliseconds print ' +
    'six trailing zeros, as rclone does for such files). Recursive; --max-depth limits it.';
  static override examples = [
    { command: '<%= config.bin %> lsl /srv/photos', description: 'Sizes, times and paths of every file.' },
    { command: '<%= config.bin %> lsl drive:backup/report.pdf', description: 'One file.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = { 'max-depth': maxDepthFlag };

  async run(): Promise<void> {
    const { listRemote } = await import('../listing/list-remote.js');
    const { lslLine } = await import('../listing/ls-lines.js');
    const now = Date.now();
    await listRemote(this.session, { path: this.args.path, kind: 'files', maxDepth: this.flags['max-depth'], format: (e) => lslLine(e, now) });
  }
}

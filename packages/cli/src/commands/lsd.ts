import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { maxDepthFlag, remotePathArg } from '../listing/flags.js';

export default class Lsd extends BaseCommand<typeof Lsd> {
  static override summary = 'List all directories/containers/buckets in the path.';
  static override description =
    'Lists the directories directly under the path (not recursive unless -R or --max-depth is given): size (-1 when the ' +
    'backend does not know it), modification time, item count (-1 when unknown) and name.';
  static override examples = [
    { command: '<%= config.bin %> lsd drive:', description: 'The top-level directories of a remote.' },
    { command: '<%= config.bin %> lsd -R /srv/photos', description: 'Every directory, recursively.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    'max-depth': maxDepthFlag,
    recursive: Flags.boolean({ char: 'R', description: 'Recurse into the listing.' }),
  };

  async run(): Promise<void> {
    const { listRemote } = await import('../listing/list-remote.js');
    const { lsdLine } = await import('../listing/ls-lines.js');
    const depth = this.flags['max-depth'];
    // rclone: lsd is one level deep unless -R or an explicit --max-depth says otherwise.
    const maxDepth = depth !== -1 ? depth : this.flags.recursive ? -1 : 1;
    const now = Date.now();
    await listRemote(this.session, { path: this.args.path, kind: 'dirs', maxDepth, format: (e) => lsdLine(e, now) });
  }
}

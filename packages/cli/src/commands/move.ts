import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Move extends BaseCommand<typeof Move> {
  static override summary = 'Move files from source to dest.';
  static override description =
    'Moves the contents of the source to the destination: each file is copied (or found already identical there), ' +
    'then deleted from the source. A file that fails to copy stays on the source. Source directories stay unless ' +
    '--delete-empty-src-dirs. When the source is a single file it is moved into the destination directory ' +
    '(use moveto to rename it).';
  static override examples = [
    { command: '<%= config.bin %> move /srv/inbox backup:archive', description: 'Move everything in a folder to a remote.' },
    { command: '<%= config.bin %> move --delete-empty-src-dirs /srv/inbox backup:archive', description: 'Also remove the emptied folders.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'What to move: remote:path or a local path (a directory or one file).' }),
    dest: Args.string({ required: true, description: 'Where to move it: remote:path or a local directory.' }),
  };
  static override flags = {
    'delete-empty-src-dirs': Flags.boolean({ description: 'Delete empty source dirs after move.' }),
  };

  async run(): Promise<void> {
    const { runSyncCommand } = await import('../sync/run-sync.js');
    await runSyncCommand(this.session, {
      mode: 'move', renameTo: false, src: this.args.source, dst: this.args.dest,
      options: { deleteEmptySrcDirs: this.flags['delete-empty-src-dirs'] },
    });
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Copyto extends BaseCommand<typeof Copyto> {
  static override summary = 'Copy files from source to dest, skipping identical files; DST names the file.';
  static override description =
    'Like copy, but when the source is a file the destination is the new file\'s own name, not the directory to put it ' +
    'in: `copyto a.txt remote:dir/b.txt` makes remote:dir/b.txt. The file is skipped when it is already identical. ' +
    'When the source is a directory, copyto acts exactly like copy.';
  static override examples = [
    { command: '<%= config.bin %> copyto notes.txt backup:docs/notes-2024.txt', description: 'Copy one file under a new name.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'The file (or directory) to copy: remote:path or a local path.' }),
    dest: Args.string({ required: true, description: 'The destination file name: remote:path or a local path.' }),
  };

  async run(): Promise<void> {
    const { runSyncCommand } = await import('../sync/run-sync.js');
    await runSyncCommand(this.session, { mode: 'copy', renameTo: true, src: this.args.source, dst: this.args.dest });
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Moveto extends BaseCommand<typeof Moveto> {
  static override summary = 'Move file or directory from source to dest; DST names the file.';
  static override description =
    'Like move, but when the source is a file the destination is the new file\'s own name: `moveto a.txt ' +
    'remote:dir/b.txt` leaves remote:dir/b.txt and no a.txt. When the source is a directory, moveto acts exactly ' +
    'like move.';
  static override examples = [
    { command: '<%= config.bin %> moveto report.pdf backup:reports/2024-q1.pdf', description: 'Move one file under a new name.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'The file (or directory) to move: remote:path or a local path.' }),
    dest: Args.string({ required: true, description: 'The destination file name: remote:path or a local path.' }),
  };

  async run(): Promise<void> {
    const { runSyncCommand } = await import('../sync/run-sync.js');
    await runSyncCommand(this.session, { mode: 'move', renameTo: true, src: this.args.source, dst: this.args.dest });
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Size extends BaseCommand<typeof Size> {
  static override summary = 'Prints the total size and number of objects in remote:path.';
  static override description =
    'Counts the files under the path and adds up their sizes, printing rclone\'s two lines:\n' +
    '  Total objects: 1.500k (1500)\n  Total size: 6.243 KiB (6393 Byte)\n' +
    'Filters apply. --json prints {"count":N,"bytes":N,"sizeless":N} instead.';
  static override examples = [{ command: '<%= config.bin %> size backup:photos', description: 'How much is in the backup.' }];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path.' }) };
  static override flags = { json: Flags.boolean({ description: 'Format output as JSON.' }) };

  async run(): Promise<void> {
    const { runSize } = await import('../sync/run-size.js');
    await runSize(this.session, this.args.path, this.flags.json);
  }
}

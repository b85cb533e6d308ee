import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Md5sum extends BaseCommand<typeof Md5sum> {
  static override summary = 'Produces an md5sum file for all the objects in the path.';
  static override description =
    'Prints `<md5>  <path>` for every file under the path, in the format of md5sum (so `md5sum -c` can read it). ' +
    'The hashes come from the backend where it stores them; --download reads each file and computes its MD5 instead, ' +
    'which works on any backend. Filters apply.';
  static override examples = [
    { command: '<%= config.bin %> md5sum backup:photos', description: 'MD5 of every file, as the backend reports it.' },
    { command: '<%= config.bin %> md5sum --download /srv/photos', description: 'Compute them from the content.' },
  ];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path (a directory or one file).' }) };
  static override flags = { download: Flags.boolean({ description: 'Download the file and hash it locally.' }) };

  async run(): Promise<void> {
    const { runHashSum } = await import('../sync/run-hash-sum.js');
    await runHashSum(this.session, 'md5', this.args.path, this.flags.download);
  }
}

import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Sha1sum extends BaseCommand<typeof Sha1sum> {
  static override summary = 'Produces a sha1sum file for all the objects in the path.';
  static override description =
    'Prints `<sha1>  <path>` for every file under the path, in the format of sha1sum (so `sha1sum -c` can read it). ' +
    'The hashes come from the backend where it stores them; --download reads each file and computes its SHA-1 instead, ' +
    'which works on any backend. Filters apply.';
  static override examples = [
    { command: '<%= config.bin %> sha1sum backup:photos', description: 'SHA-1 of every file, as the backend reports it.' },
    { command: '<%= config.bin %> sha1sum --download /srv/photos', description: 'Compute them from the content.' },
  ];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path (a directory or one file).' }) };
  static override flags = { download: Flags.boolean({ description: 'Download the file and hash it locally.' }) };

  async run(): Promise<void> {
    const { runHashSum } = await import('../sync/run-hash-sum.js');
    await runHashSum(this.session, 'sha1', this.args.path, this.flags.download);
  }
}

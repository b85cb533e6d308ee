import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { hashSumFlags } from '../listing/hash-sum-flags.js';

export default class Md5sum extends BaseCommand<typeof Md5sum> {
  static override summary = 'Produces an md5sum file for all the objects in the path.';
  static override description =
    'Prints `<md5>  <path>` for every file under the path, in the format of md5sum (so `md5sum -c` can read it). ' +
    'The hashes come from the backend where it stores them; --download reads each file and computes its MD5 instead, ' +
    'which works on any backend. Filters apply. --checkfile compares the files with a SUM file instead and prints ' +
    'a combined report (= matches, * differs, - not in the SUM file, + missing). With no path, or `-` with data ' +
    'piped in, the MD5 of standard input is printed.';
  static override examples = [
    { command: '<%= config.bin %> md5sum backup:photos', description: 'MD5 of every file, as the backend reports it.' },
    { command: '<%= config.bin %> md5sum --download /srv/photos', description: 'Compute them from the content.' },
    { command: '<%= config.bin %> md5sum -C MD5SUMS backup:photos', description: 'Check the files against a SUM file.' },
  ];
  static override args = { path: Args.string({ ignoreStdin: true, description: 'remote:path or a local path (a directory or one file); none or - for stdin.' }) };
  static override flags = hashSumFlags;

  async run(): Promise<void> {
    const { runSumCommand } = await import('../listing/run-sum-command.js');
    await runSumCommand(this.session, 'md5', this.args.path, this.flags);
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { hashSumFlags } from '../listing/hash-sum-flags.js';

export default class Sha1sum extends BaseCommand<typeof Sha1sum> {
  static override summary = 'Produces a sha1sum file for all the objects in the path.';
  static override description =
    'Prints `<sha1>  <path>` for every file under the path, in the format of sha1sum (so `sha1sum -c` can read it). ' +
    'The hashes come from the backend where it stores them; --download reads each file and computes its SHA-1 instead, ' +
    'which works on any backend. Filters apply. --checkfile compares the files with a SUM file instead and prints ' +
    'a combined report (= matches, * differs, - not in the SUM file, + missing). With no path, or `-` with data ' +
    'piped in, the SHA-1 of standard input is printed.';
  static override examples = [
    { command: '<%= config.bin %> sha1sum backup:photos', description: 'SHA-1 of every file, as the backend reports it.' },
    { command: '<%= config.bin %> sha1sum --download /srv/photos', description: 'Compute them from the content.' },
    { command: '<%= config.bin %> sha1sum -C SHA1SUMS backup:photos', description: 'Check the files against a SUM file.' },
  ];
  static override args = { path: Args.string({ ignoreStdin: true, description: 'remote:path or a local path (a directory or one file); none or - for stdin.' }) };
  static override flags = hashSumFlags;

  async run(): Promise<void> {
    const { runSumCommand } = await import('../listing/run-sum-command.js');
    await runSumCommand(this.session, 'sha1', this.args.path, this.flags);
  }
}

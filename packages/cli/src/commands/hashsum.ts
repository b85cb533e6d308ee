import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { hashSumFlags } from '../listing/hash-sum-flags.js';

export default class Hashsum extends BaseCommand<typeof Hashsum> {
  static override summary = 'Produces a hashsum file for all the objects in the path.';
  static override description =
    'Like md5sum and sha1sum, with the hash named first (case does not matter: md5, MD5, sha1, SHA-1). The hash ' +
    'is asked of the backend; --download computes it from the content, so any hash works on any backend. With no ' +
    'arguments, lists the hashes rsyncish supports. The other flags are md5sum\'s.';
  static override examples = [
    { command: '<%= config.bin %> hashsum', description: 'The supported hashes.' },
    { command: '<%= config.bin %> hashsum SHA-1 backup:photos', description: 'SHA-1 of every file.' },
  ];
  static override args = {
    hash: Args.string({ ignoreStdin: true, description: 'The hash: md5 or sha1.' }),
    path: Args.string({ ignoreStdin: true, description: 'remote:path or a local path; none or - for stdin.' }),
  };
  static override flags = hashSumFlags;

  async run(): Promise<void> {
    const { HASH_NAMES, parseHashName } = await import('../listing/hash-names.js');
    if (this.args.hash === undefined) {
      // rclone's list, limited to the hashes rsyncish has.
      process.stdout.write(`Supported hashes are:\n${HASH_NAMES.map((h) => `  * ${h.type}\n`).join('')}`);
      return;
    }
    const type = parseHashName(this.args.hash, 'hashsum');
    const { runSumCommand } = await import('../listing/run-sum-command.js');
    await runSumCommand(this.session, type, this.args.path, this.flags);
  }
}

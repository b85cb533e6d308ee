import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { MAX_INT } from '../flag-bounds.js';
import { remotePathArg } from '../listing/flags.js';

export default class Rcat extends BaseCommand<typeof Rcat> {
  static override summary = 'Copies standard input to file on remote.';
  static override description =
    'Reads standard input to its end, then stores it as the file named, with the current time. Nothing is stored ' +
    'until the input has ended: if the producer fails or is stopped, the file keeps its previous version. Input ' +
    'over 8 MiB is held in a temporary file meanwhile. --size, when given, must be the exact number of bytes.';
  static override examples = [
    { command: 'echo "hello world" | <%= config.bin %> rcat backup:hello.txt', description: 'Store a line.' },
    { command: 'tar c /srv | <%= config.bin %> rcat backup:srv.tar', description: 'Store an archive as it is made.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    size: Flags.integer({ min: -1, max: MAX_INT, default: -1, description: 'The exact size of the input in bytes (-1 for unknown).' }),
  };

  async run(): Promise<void> {
    const { runRcat } = await import('../file-ops/run-rcat.js');
    await runRcat(this.session, this.args.path, this.flags.size);
  }
}

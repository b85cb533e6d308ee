import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { remotePathArg } from '../listing/flags.js';

export default class About extends BaseCommand<typeof About> {
  static override summary = 'Get quota information from the remote.';
  static override description =
    'Prints the size of the storage and how much of it is used and free, as far as the backend can tell: a local ' +
    'path gives its filesystem\'s numbers (as df), an Amazon Cloud Drive, Google Drive or Dropbox remote its ' +
    'account\'s quota (and what it knows of trash and object count); object stores (s3, swift, gcs) have no quota. ' +
    'Sizes are in binary units (1.500 GiB); --full prints whole bytes; --json prints a JSON object with the fields ' +
    'total, used, trashed, other, free and objects (those the backend knows).';
  static override examples = [
    { command: '<%= config.bin %> about acd:', description: 'The drive\'s quota and use.' },
    { command: '<%= config.bin %> about --json /srv', description: 'The filesystem of /srv, as JSON.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    full: Flags.boolean({ description: 'Full numbers instead of human-readable.' }),
    json: Flags.boolean({ description: 'Format output as JSON.' }),
  };

  async run(): Promise<void> {
    const { runAbout } = await import('../about/run-about.js');
    // about's own --json: rclone's JSON object, not the event stream.
    await runAbout(this.session, this.args.path, { json: this.flags.json, full: this.flags.full });
  }
}

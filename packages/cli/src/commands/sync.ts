import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Sync extends BaseCommand<typeof Sync> {
  static override summary = 'Make source and dest identical, modifying destination only.';
  static override description =
    'Sync the source to the destination, changing the destination only: new and changed files are copied, and files ' +
    'on the destination that are not on the source are deleted (files merely excluded by filters are kept unless ' +
    '--delete-excluded). Nothing is deleted when the run had any listing or I/O error; the summary then says ' +
    '"not deleting: there were I/O errors". Test first with --dry-run.\n\n' +
    'Deletions happen after every transfer has succeeded (--delete-after, the default), during the transfers ' +
    '(--delete-during) or before them (--delete-before). See docs/sync.md for the decision table and safety rules.';
  static override examples = [
    { command: '<%= config.bin %> sync --dry-run /srv/photos backup:photos', description: 'Show what would change.' },
    { command: '<%= config.bin %> sync -P /srv/photos backup:photos', description: 'Sync with a live progress view.' },
    { command: '<%= config.bin %> sync --max-delete 100 /data backup:data', description: 'Refuse to delete more than 100 files.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'What to sync from: remote:path or a local path.' }),
    dest: Args.string({ required: true, description: 'What to make identical to it: remote:path or a local path.' }),
  };
  static override flags = {
    'delete-before': Flags.boolean({ description: 'When synchronizing, delete files on destination before transferring.', exclusive: ['delete-during', 'delete-after'] }),
    'delete-during': Flags.boolean({ description: 'When synchronizing, delete files during transfer.', exclusive: ['delete-before', 'delete-after'] }),
    'delete-after': Flags.boolean({ description: 'When synchronizing, delete files on destination after transferring (default).', exclusive: ['delete-before', 'delete-during'] }),
  };

  async run(): Promise<void> {
    const { runSyncCommand } = await import('../sync/run-sync.js');
    const deleteMode = this.flags['delete-before'] ? 'before' : this.flags['delete-during'] ? 'during' : 'after';
    await runSyncCommand(this.session, { mode: 'sync', renameTo: false, src: this.args.source, dst: this.args.dest, options: { deleteMode } });
  }
}

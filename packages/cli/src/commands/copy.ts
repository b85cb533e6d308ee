import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Copy extends BaseCommand<typeof Copy> {
  static override summary = 'Copy files from source to dest, skipping identical files.';
  static override description =
    'Copies the source to the destination. Files that are identical on both sides (same size and modification time, ' +
    'or the same checksum with --checksum) are skipped; nothing is ever deleted from the destination. The source ' +
    'directory itself is not copied, only its contents: `copy src dst` makes dst/file of src/file. When the source is a ' +
    'single file it is copied into the destination directory.\n\n' +
    'Failed files are retried (--low-level-retries), then the whole run is retried (--retries). The exit code is 0 ' +
    'when every file was copied, else the code of the last error (see docs/exit-codes.md).';
  static override examples = [
    { command: '<%= config.bin %> copy /srv/photos backup:photos', description: 'Copy a local tree to a remote.' },
    { command: '<%= config.bin %> copy -v --dry-run /srv/photos backup:photos', description: 'Show what would be copied.' },
    { command: '<%= config.bin %> copy backup:photos/2024/cat.jpg /tmp', description: 'Copy one file into /tmp.' },
    { command: '<%= config.bin %> copy --max-size 50G --transfers 8 /data backup:data', description: 'Skip huge files, 8 at a time.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'What to copy: remote:path or a local path (a directory or one file).' }),
    dest: Args.string({ required: true, description: 'Where to copy it: remote:path or a local directory.' }),
  };

  async run(): Promise<void> {
    const { runSyncCommand } = await import('../sync/run-sync.js');
    await runSyncCommand(this.session, { mode: 'copy', renameTo: false, src: this.args.source, dst: this.args.dest });
  }
}

import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { maxDepthFlag, remotePathArg } from '../listing/flags.js';

export default class Lsjson extends BaseCommand<typeof Lsjson> {
  static override summary = 'List directories and objects in the path in JSON format.';
  static override description =
    'Prints a JSON array with one item a line, as rclone lsjson: Path, Name, Size, MimeType, ModTime, IsDir, and ' +
    'Hashes (with --hash or --hash-type) and ID (where the backend has object ids, as ACD does). ModTime is RFC 3339 ' +
    'in local time with as many fraction digits as the backend keeps. Lists one level; -R recurses (--max-depth limits ' +
    'it). --stat prints the one item at the path instead, or null.';
  static override examples = [
    { command: '<%= config.bin %> lsjson -R drive:photos', description: 'Every file and directory, one JSON item a line.' },
    { command: '<%= config.bin %> lsjson --stat --hash /srv/a.txt', description: 'One file with its hashes.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    recursive: Flags.boolean({ char: 'R', description: 'Recurse into the listing.' }),
    hash: Flags.boolean({ description: 'Include hashes in the output (may take longer).' }),
    'hash-type': Flags.string({ multiple: true, multipleNonGreedy: true, description: 'Show only this hash type (may be repeated; implies --hash).' }),
    'no-modtime': Flags.boolean({ description: "Don't read the modification time (can speed things up)." }),
    'no-mimetype': Flags.boolean({ description: "Don't read the mime type (can speed things up)." }),
    'files-only': Flags.boolean({ description: 'Show only files in the listing.' }),
    'dirs-only': Flags.boolean({ description: 'Show only directories in the listing.' }),
    stat: Flags.boolean({ description: 'Just return the info for the pointed to file.' }),
    'max-depth': maxDepthFlag,
  };

  async run(): Promise<void> {
    const { runLsjson } = await import('../listing/run-lsjson.js');
    const { parseHashName } = await import('../listing/hash-names.js');
    const f = this.flags;
    const chosen = (f['hash-type'] ?? []).map((t) => parseHashName(t, '--hash-type'));
    // rclone shows every hash the backend has with --hash, only those named with --hash-type.
    const opened = chosen.length > 0 || f.hash;
    await runLsjson(this.session, {
      path: this.args.path,
      recursive: f.recursive,
      maxDepth: f['max-depth'],
      dirsOnly: f['dirs-only'],
      filesOnly: f['files-only'],
      stat: f.stat,
      noModTime: f['no-modtime'],
      noMimeType: f['no-mimetype'],
      hashes: !opened ? undefined : chosen.length > 0 ? chosen : 'backend',
    });
  }
}

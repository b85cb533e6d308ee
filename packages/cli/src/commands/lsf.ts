import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { maxDepthFlag, remotePathArg } from '../listing/flags.js';

export default class Lsf extends BaseCommand<typeof Lsf> {
  static override summary = 'List directories and objects in remote:path formatted for parsing.';
  static override description =
    'One line per entry, directories with a trailing slash. --format picks the fields, in order: p path, s size, ' +
    't modification time (local, to the second), h hash (--hash names which, MD5 by default), i ID, m MIME type, ' +
    'o original ID, T tier. --separator joins them (";" by default); --csv writes CSV records ("," by default). ' +
    'Lists one level; -R recurses (--max-depth limits it).';
  static override examples = [
    { command: '<%= config.bin %> lsf -R --files-only backup:', description: 'Every file path, one a line.' },
    { command: '<%= config.bin %> lsf --format tsp --csv /srv/photos', description: 'Time, size and path as CSV.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    format: Flags.string({ char: 'F', default: 'p', description: 'Output format: letters of p, s, t, h, i, m, o, T.' }),
    separator: Flags.string({ char: 's', description: 'Separator for the items in the format (default ";", "," with --csv).' }),
    'dir-slash': Flags.boolean({ char: 'd', default: true, allowNo: true, description: 'Append a slash to directory names (--no-dir-slash to leave it off).' }),
    hash: Flags.string({ default: 'md5', description: 'Use this hash when h is used in the format: MD5 or SHA-1.' }),
    'files-only': Flags.boolean({ description: 'Only list files.' }),
    'dirs-only': Flags.boolean({ description: 'Only list directories.' }),
    csv: Flags.boolean({ description: 'Output in CSV format.' }),
    absolute: Flags.boolean({ description: 'Put a leading / in front of path names.' }),
    recursive: Flags.boolean({ char: 'R', description: 'Recurse into the listing.' }),
    'max-depth': maxDepthFlag,
  };

  override async init(): Promise<void> {
    const { rewriteBoolValues } = await import('../listing/bool-flag-values.js');
    this.argv = rewriteBoolValues(this.argv, 'dir-slash', 'd');
    await super.init();
  }

  async run(): Promise<void> {
    const { runLsf } = await import('../listing/run-lsf.js');
    const { parseHashName } = await import('../listing/hash-names.js');
    const f = this.flags;
    await runLsf(this.session, {
      path: this.args.path,
      format: f.format,
      separator: f.separator ?? (f.csv ? ',' : ';'),
      csv: f.csv,
      dirSlash: f['dir-slash'],
      absolute: f.absolute,
      recursive: f.recursive,
      maxDepth: f['max-depth'],
      dirsOnly: f['dirs-only'],
      filesOnly: f['files-only'],
      hashType: parseHashName(f.hash, '--hash'),
    });
  }
}

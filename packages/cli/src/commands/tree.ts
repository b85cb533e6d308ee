import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { MAX_INT } from '../flag-bounds.js';
import { remotePathArg } from '../listing/flags.js';

export default class Tree extends BaseCommand<typeof Tree> {
  static override summary = 'List the contents of the remote in a tree like fashion.';
  static override description =
    'Draws the remote as the tree command does, sorted by name, with a count of directories and files at the end. ' +
    'Names starting with a dot are left out unless -a. --level limits the depth; -s, -D and -p add the size, the ' +
    'modification time and the (fixed) permissions of each file; -o writes the tree to a file.';
  static override examples = [
    { command: '<%= config.bin %> tree backup:photos', description: 'The whole tree.' },
    { command: '<%= config.bin %> tree -s --level 2 /srv', description: 'Two levels, with sizes.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    all: Flags.boolean({ char: 'a', description: 'All files are listed (list . files too).' }),
    'dirs-only': Flags.boolean({ char: 'd', description: 'List directories only.' }),
    dirsfirst: Flags.boolean({ description: 'List directories before files (-U disables).' }),
    'full-path': Flags.boolean({ description: 'Print the full path prefix for each file.' }),
    level: Flags.integer({ min: 0, max: MAX_INT, default: 0, description: 'Descend only level directories deep.' }),
    modtime: Flags.boolean({ char: 'D', description: 'Print the date of last modification.' }),
    noindent: Flags.boolean({ description: "Don't print indentation lines." }),
    noreport: Flags.boolean({ description: 'Turn off file/directory count at end of tree listing.' }),
    output: Flags.string({ char: 'o', description: 'Output to file instead of stdout.' }),
    protections: Flags.boolean({ char: 'p', description: 'Print the protections for each file.' }),
    quote: Flags.boolean({ char: 'Q', description: 'Quote filenames with double quotes.' }),
    size: Flags.boolean({ char: 's', description: 'Print the size in bytes of each file.' }),
    sort: Flags.option({ options: ['name', 'size', 'mtime'] as const, description: 'Select sort: name, size or mtime.' })(),
    'sort-modtime': Flags.boolean({ char: 't', description: 'Sort files by last modification time.' }),
    'sort-reverse': Flags.boolean({ char: 'r', description: 'Reverse the order of the sort.' }),
    unsorted: Flags.boolean({ char: 'U', description: 'Leave files unsorted.' }),
  };

  async run(): Promise<void> {
    const { runTree } = await import('../listing/run-tree.js');
    const f = this.flags;
    await runTree(this.session, {
      path: this.args.path,
      output: f.output,
      all: f.all,
      dirsOnly: f['dirs-only'],
      dirsFirst: f.dirsfirst,
      fullPath: f['full-path'],
      level: f.level,
      noIndent: f.noindent,
      noReport: f.noreport,
      size: f.size,
      modTime: f.modtime,
      protections: f.protections,
      quote: f.quote,
      sort: f['sort-modtime'] ? 'mtime' : f.unsorted ? 'none' : f.sort ?? 'name',
      reverse: f['sort-reverse'],
    });
  }
}

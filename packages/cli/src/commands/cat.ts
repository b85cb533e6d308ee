import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { MAX_INT } from '../flag-bounds.js';

export default class Cat extends BaseCommand<typeof Cat> {
  static override summary = 'Concatenates any files and sends them to stdout.';
  static override description =
    'Writes the content of the file named, or of every file under a directory (filters apply), to stdout. ' +
    '--offset and --count read a byte range of each file (a negative offset counts from the end); --head N and ' +
    '--tail N are the first or last N bytes.';
  static override examples = [
    { command: '<%= config.bin %> cat backup:notes.txt', description: 'Print one file.' },
    { command: '<%= config.bin %> cat --tail 1000 backup:logs/app.log', description: 'The last 1000 bytes of a log.' },
  ];
  static override args = { path: Args.string({ required: true, description: 'remote:path or a local path (a file or a directory).' }) };
  static override flags = {
    offset: Flags.integer({ min: -MAX_INT, max: MAX_INT, default: 0, description: 'Start printing at offset N (or from end if -ve).' }),
    count: Flags.integer({ min: -MAX_INT, max: MAX_INT, default: -1, description: 'Only print N characters (-1 for all).' }),
    head: Flags.integer({ min: 0, max: MAX_INT, description: 'Only print the first N characters.', exclusive: ['tail', 'offset', 'count'] }),
    tail: Flags.integer({ min: 0, max: MAX_INT, description: 'Only print the last N characters.', exclusive: ['head', 'offset', 'count'] }),
    discard: Flags.boolean({ description: 'Discard the output instead of printing (reads every file, e.g. to test access).' }),
  };

  async run(): Promise<void> {
    const { runCat } = await import('../sync/run-cat.js');
    const f = this.flags;
    const range = f.head !== undefined ? { offset: 0, count: f.head } : f.tail !== undefined ? { offset: -f.tail, count: -1 } : { offset: f.offset, count: f.count };
    await runCat(this.session, this.args.path, { ...range, discard: f.discard });
  }
}

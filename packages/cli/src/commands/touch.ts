import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { remotePathArg } from '../listing/flags.js';

export default class Touch extends BaseCommand<typeof Touch> {
  static override summary = 'Create new file or change file modification time.';
  static override description =
    'Sets the modification time of the file at the path to now, or to --timestamp. A file that does not exist is ' +
    'created empty, unless --no-create or --recursive. A directory has the files in it touched; with --recursive, ' +
    'every file below it (filters apply). --timestamp takes YYMMDD, YYYY-MM-DDTHH:MM:SS or YYYY-MM-DDTHH:MM:SS.123456789, ' +
    'in UTC unless --localtime.';
  static override examples = [
    { command: '<%= config.bin %> touch backup:stamp', description: 'Create or touch a marker file.' },
    { command: '<%= config.bin %> touch -R -t 2024-01-31T12:00:00 /srv/site', description: 'Set every file under /srv/site to one time.' },
  ];
  static override args = { path: remotePathArg };
  static override flags = {
    'no-create': Flags.boolean({ char: 'C', description: 'Do not create the file if it does not exist (implied with --recursive).' }),
    timestamp: Flags.string({ char: 't', description: 'Use specified time instead of the current time of day.' }),
    localtime: Flags.boolean({ description: 'Use localtime for timestamp, not UTC.' }),
    recursive: Flags.boolean({ char: 'R', description: 'Recursively touch all files.' }),
  };

  async run(): Promise<void> {
    const { runTouch } = await import('../file-ops/run-touch.js');
    const { parseTouchTime } = await import('../file-ops/touch-time.js');
    const f = this.flags;
    const now = Date.now();
    const time = f.timestamp === undefined ? { ms: now, nanos: 0 } : parseTouchTime(f.timestamp, f.localtime);
    await runTouch(this.session, { path: this.args.path, time, noCreate: f['no-create'], recursive: f.recursive });
  }
}

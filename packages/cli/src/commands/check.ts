import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';

export default class Check extends BaseCommand<typeof Check> {
  static override summary = 'Checks the files in the source and destination match.';
  static override description =
    'Compares source and destination, changing neither: files missing on either side, and files whose size or hash ' +
    'differ (a hash both sides know; --size-only compares sizes only; --download compares the bytes). Each difference ' +
    'is an ERROR line, followed by a summary. Exits 1 when anything differs.\n\n' +
    'Report files (use - for stdout): --combined writes every path with "= " (identical), "- " (only on the ' +
    'destination), "+ " (only on the source), "* " (different) or "! " (error); --missing-on-src, --missing-on-dst, ' +
    '--match, --differ and --error write the plain paths of one kind.\n\n' +
    '--checkfile HASH reads SOURCE as a SUM file (`<hash>  <path>` lines, as md5sum writes) and checks DEST against it.';
  static override examples = [
    { command: '<%= config.bin %> check /srv/photos backup:photos', description: 'Compare a local tree with its backup.' },
    { command: '<%= config.bin %> check --one-way --combined report.txt /srv/photos backup:photos', description: 'Only what is missing or different on the backup, with a report.' },
  ];
  static override args = {
    source: Args.string({ required: true, description: 'remote:path or a local path.' }),
    dest: Args.string({ required: true, description: 'remote:path or a local path.' }),
  };
  static override flags = {
    'one-way': Flags.boolean({ description: 'Check one way only, source files must exist on remote.' }),
    download: Flags.boolean({ description: 'Check by downloading rather than with hash.' }),
    combined: Flags.string({ description: 'Make a combined report of changes to this file.' }),
    'missing-on-src': Flags.string({ description: 'Report all files missing from the source to this file.' }),
    'missing-on-dst': Flags.string({ description: 'Report all files missing from the destination to this file.' }),
    match: Flags.string({ description: 'Report all matching files to this file.' }),
    differ: Flags.string({ description: 'Report all non-matching files to this file.' }),
    error: Flags.string({ description: 'Report all files with errors (hashing or reading) to this file.' }),
    checkfile: Flags.string({ char: 'C', description: 'Treat source:path as a SUM file with hashes of given type (md5 or sha1).' }),
  };

  async run(): Promise<void> {
    const f = this.flags;
    const reports = { combined: f.combined, missingOnSrc: f['missing-on-src'], missingOnDst: f['missing-on-dst'], match: f.match, differ: f.differ, error: f.error };
    if (f.checkfile !== undefined) {
      const { parseHashName } = await import('../listing/hash-names.js');
      const { runCheckSum } = await import('../sync/run-check-sum.js');
      const type = parseHashName(f.checkfile, '--checkfile');
      await runCheckSum(this.session, { sumFile: this.args.source, path: this.args.dest, type, download: f.download, oneWay: f['one-way'], reports, verb: 'check' });
      return;
    }
    const { runCheck } = await import('../sync/run-check.js');
    await runCheck(this.session, {
      src: this.args.source,
      dst: this.args.dest,
      oneWay: f['one-way'],
      download: f.download,
      reports,
    });
  }
}

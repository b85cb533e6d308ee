import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { loadCore } from '../cli/load-core.js';

export default class Obscure extends BaseCommand<typeof Obscure> {
  static override summary = 'Obscure password for use in the config file.';
  static override description =
    'Prints the password in rclone\'s obscured form (AES-CTR with a fixed key and a random IV, base64url), ' +
    'the form the config file keeps password options in; rclone reads it too. Obscuring is not encryption: ' +
    '"reveal" (or anyone with rclone) turns it back. With "-" the password is the first line of stdin, ' +
    'so it stays out of the shell history and the process list.';
  static override examples = [
    { command: '<%= config.bin %> obscure hunter2', description: 'A value for a "pass = ..." line.' },
    { command: 'echo hunter2 | <%= config.bin %> obscure -', description: 'The same, reading the password from stdin.' },
  ];
  static override args = { password: Args.string({ required: true, description: 'The password, or - to read it from stdin.' }) };

  async run(): Promise<void> {
    const { obscure } = loadCore();
    const password = this.args.password === '-' ? await firstLineOfStdin() : this.args.password;
    this.log(obscure(password));
  }
}

/** The first line, without its line ending, as rclone's `obscure -` reads it. */
async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0].replace(/\r$/, '');
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { loadCore } from '../cli/load-core.js';

export default class Reveal extends BaseCommand<typeof Reveal> {
  static override summary = 'Reveal obscured password from the config file.';
  static override description = 'Turns a value made by "obscure" (or by rclone\'s obscure) back into the password it hides.';
  static override examples = [
    { command: '<%= config.bin %> reveal kgtmvKQ2pnxqtAVeZg0Adj5msdmZ0dk', description: 'Prints the password (hunter2).' },
  ];
  static override args = { obscured: Args.string({ required: true, description: 'An obscured value, as in a "pass = ..." line.' }) };

  async run(): Promise<void> {
    const { reveal } = loadCore();
    this.log(reveal(this.args.obscured));
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionWords } from '../completion/words.js';
import { zshScript } from '../completion/zsh.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript };

export default class Completion extends BaseCommand<typeof Completion> {
  static override summary = 'Output a shell completion script for bash, zsh or fish.';
  static override description =
    'Prints a script that completes commands, flags and remote names (read from the config file each time you press TAB, ' +
    'so new remotes need no new script). Load it in the current shell or install it where your shell looks for completions.';
  static override examples = [
    { command: 'source <(<%= config.bin %> completion bash)', description: 'Completion in the current bash.' },
    { command: '<%= config.bin %> completion bash > ~/.local/share/bash-completion/completions/<%= config.bin %>', description: 'For every new bash.' },
    { command: '<%= config.bin %> completion zsh > "${fpath[1]}/_<%= config.bin %>"', description: 'For zsh.' },
    { command: '<%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish', description: 'For fish.' },
  ];
  static override args = {
    shell: Args.string({ required: true, options: Object.keys(SCRIPTS), description: 'The shell: bash, zsh or fish.' }),
  };

  async run(): Promise<void> {
    const script = SCRIPTS[this.args.shell as keyof typeof SCRIPTS];
    process.stdout.write(script(completionWords(this.config)));
  }
}

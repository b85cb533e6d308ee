import { BaseCommand } from '../../base-command.js';

export default class Config extends BaseCommand<typeof Config> {
  static override summary = 'Enter an interactive configuration session.';
  static override description =
    'Walks through making, editing, renaming, copying and deleting remotes, as "rclone config" does: ' +
    'the remote\'s name, its backend type (from a numbered list of the installed backends), the backend\'s options ' +
    'and, for backends that need it, the OAuth login ("Use auto config?"). Answers are read line by line from stdin, ' +
    'so the session can also be scripted with piped answers; the end of input at the main menu quits (exit 0), ' +
    'in the middle of a question it is an error and nothing of that step is saved.';
  static override examples = [
    { command: '<%= config.bin %> config', description: 'Start the wizard.' },
    { command: "printf 'n\\nbackup\\nlocal\\n\\nn\\ny\\nq\\n' | <%= config.bin %> config", description: 'The same, scripted.' },
  ];

  async run(): Promise<void> {
    const { runWizard, streamIO, redirectPortFromEnv } = await import('../../wizard/index.js');
    const io = streamIO(process.stdin, process.stdout);
    try {
      await runWizard({ io, store: this.session.store, registry: this.session.registry, redirectPort: redirectPortFromEnv(process.env), http: this.session.http });
    } finally {
      io.close();
    }
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { loadCore } from '../../cli/load-core.js';

export default class ConfigShow extends BaseCommand<typeof ConfigShow> {
  static override summary = 'Print (decrypted) config file, or the config for a single remote.';
  static override description = "Prints sections in the config file's own format. Options the backend marks secret show as XXX.";
  static override examples = [
    { command: '<%= config.bin %> config show', description: 'Every remote.' },
    { command: '<%= config.bin %> config show backup', description: 'One remote.' },
  ];
  static override args = { name: Args.string({ description: 'Only this remote.' }) };

  async run(): Promise<void> {
    const { UsageError } = loadCore();
    const { redact, sectionText } = await import('../../remote-config/render.js');
    const { store, registry } = this.session;
    const { name } = this.args;
    if (name !== undefined) {
      const section = await store.get(name);
      if (!section) {
        throw new UsageError('ERR_UNKNOWN_REMOTE', `couldn't find type of fs for "${name}"`, {
          hint: `no section [${name}] in ${store.path}; see "rsyncish listremotes"`,
        });
      }
      this.log(sectionText(name, redact(section, registry)));
      return;
    }
    for (const remote of await store.remotes()) {
      this.log(`${sectionText(remote, redact((await store.get(remote))!, registry))}\n`);
    }
  }
}

import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { obscureFlags, passwordMode } from '../../remote-config/obscure-flags.js';
import { loadCore } from '../../cli/load-core.js';

export default class ConfigUpdate extends BaseCommand<typeof ConfigUpdate> {
  static override summary = 'Update options of an existing remote.';
  static override description =
    'Sets the given key=value options in the section NAME, keeping the others. Keys and values are checked against the ' +
    "remote's backend type as by config create, and the remote must keep every required option. Secret values are never printed.";
  static override examples = [
    { command: '<%= config.bin %> config update photos skip_links=true', description: 'Change one option.' },
  ];
  static override strict = false;
  static override flags = obscureFlags;
  static override args = {
    name: Args.string({ required: true, description: 'Name of the remote.' }),
    options: Args.string({ description: 'key=value options to set (any number).' }),
  };

  async run(): Promise<void> {
    const { RemoteWithoutTypeError, UsageError } = loadCore();
    const { parseKeyValues } = await import('../../remote-config/key-values.js');
    const { redact, sectionText } = await import('../../remote-config/render.js');
    const { name } = this.args;
    const { store, registry } = this.session;
    const section = await store.get(name);
    if (!section) {
      throw new UsageError('ERR_UNKNOWN_REMOTE', `couldn't find remote "${name}" in ${store.path}`, {
        hint: 'see "rsyncish listremotes", or create it with "rsyncish config create"',
      });
    }
    if (!section.type) {
      throw new RemoteWithoutTypeError(name, store.path);
    }
    const def = registry.get(section.type);
    if (!def) {
      throw new UsageError('ERR_UNKNOWN_BACKEND', `backend type "${section.type ?? ''}" of remote "${name}" is not installed`, {
        hint: 'see "rsyncish backends" for the installed types',
      });
    }
    const values = parseKeyValues(this.positionals.slice(1), def, name, passwordMode(this.flags));
    const { assertRequiredOptions } = await import('../../remote-config/required-options.js');
    assertRequiredOptions(def, { ...section, ...values }, name, `rsyncish config update ${name}`);
    await store.set(name, values);
    this.log(sectionText(name, redact({ ...section, ...values }, registry)));
  }
}

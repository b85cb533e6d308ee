import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { obscureFlags, passwordMode } from '../../remote-config/obscure-flags.js';
import { loadCore } from '../../cli/load-core.js';

export default class ConfigCreate extends BaseCommand<typeof ConfigCreate> {
  static override summary = 'Create a new remote with name, type and options.';
  static override description =
    'Creates (or replaces, as rclone does) the section NAME in the config file with `type = TYPE` and the given ' +
    'key=value options. The type must be an installed backend (see "rsyncish backends") and every key one of its ' +
    'options; values are checked against the option type, a required option must be given and an option with fixed ' +
    'choices takes only one of them. The file is written atomically with mode 0600. ' +
    'Secret values are never printed. For a backend with a setup step (acd: the OAuth login) the step runs before ' +
    'the remote is saved, as in rclone: the browser flow on 127.0.0.1:53682, or nothing when token=... is given; ' +
    '--non-interactive skips it.';
  static override examples = [
    { command: '<%= config.bin %> config create backup local', description: 'A remote for the local disk.' },
    { command: '<%= config.bin %> config create photos local copy_links=true', description: 'With an option.' },
    { command: '<%= config.bin %> config create drive acd client_id=ID client_secret=SECRET', description: 'An OAuth backend: logs in through the browser.' },
  ];
  static override strict = false;
  static override flags = {
    ...obscureFlags,
    'non-interactive': Flags.boolean({ description: "Don't run the backend's setup step (the OAuth login); the remote is saved as given." }),
  };
  static override args = {
    name: Args.string({ required: true, description: 'Name of the new remote.' }),
    type: Args.string({ required: true, description: 'Backend type, e.g. local.' }),
    options: Args.string({ description: 'key=value options of the backend (any number).' }),
  };

  async run(): Promise<void> {
    const { UsageError } = loadCore();
    const { assertRemoteName, parseKeyValues } = await import('../../remote-config/key-values.js');
    const { redact, sectionText } = await import('../../remote-config/render.js');
    const { name, type } = this.args;
    assertRemoteName(name);
    const def = this.session.registry.get(type);
    if (!def) {
      throw new UsageError('ERR_UNKNOWN_BACKEND', `couldn't find backend for type "${type}"`, {
        hint: `installed types: ${this.session.registry.all().map((d) => d.type).join(', ')} (see "rsyncish backends")`,
      });
    }
    const given = this.positionals.slice(2);
    let values: Record<string, string> = { type, ...parseKeyValues(given, def, name, passwordMode(this.flags)) };
    // Before the setup step: an OAuth login is no use without the client id it needs.
    const { assertRequiredOptions } = await import('../../remote-config/required-options.js');
    assertRequiredOptions(def, values, name, `rsyncish config create ${name} ${type}${given.length > 0 ? ' ...' : ''}`);
    if (def.setup && !this.flags['non-interactive']) {
      // As rclone's `config create`: the backend's setup (the OAuth login) runs now, its messages on stderr.
      const { redirectPortFromEnv, withEnvOptions } = await import('../../wizard/index.js');
      const result = await def.setup({
        remoteName: name,
        values: withEnvOptions(def, values, process.env),
        print: (line) => process.stderr.write(`${line}\n`),
        ask: async (prompt) => {
          throw new UsageError('ERR_NOT_INTERACTIVE', `backend ${type} asked "${prompt}" during config create`, {
            hint: `give the answer as an option, or use the wizard: rsyncish config`,
          });
        },
        nonInteractive: true,
        redirectPort: redirectPortFromEnv(process.env),
        http: this.session.http,
      });
      values = { ...values, ...result };
    }
    await this.session.store.set(name, values, false);
    this.log(sectionText(name, redact(values, this.session.registry)));
  }
}

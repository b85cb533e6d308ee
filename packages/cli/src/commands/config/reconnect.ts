import { Args } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { loadCore } from '../../cli/load-core.js';

export default class ConfigReconnect extends BaseCommand<typeof ConfigReconnect> {
  static override summary = 'Re-authenticates user with remote.';
  static override description =
    'Runs the OAuth login of the remote again and stores the new token, keeping every other option. ' +
    'Use it when the token has expired or was revoked. It asks "Use auto config?" first: yes runs the local ' +
    'browser flow on 127.0.0.1:53682, no prints the "rsyncish authorize" command to run on a machine with a browser ' +
    'and reads its result. With no answer on stdin (end of input), auto config is used.';
  static override examples = [{ command: '<%= config.bin %> config reconnect acd:', description: 'Log in again.' }];
  static override args = { remote: Args.string({ required: true, description: 'The remote, NAME: (the colon is optional).' }) };

  async run(): Promise<void> {
    const { UsageError } = loadCore();
    const { InputEnded, isOAuthBackend, redirectPortFromEnv, runSetupStep, streamIO, askAutoConfig } = await import('../../wizard/index.js');
    const name = this.args.remote.replace(/:$/, '');
    const { store, registry } = this.session;
    const section = await store.get(name);
    if (!section) {
      throw new UsageError('ERR_UNKNOWN_REMOTE', `couldn't find remote "${name}"`, { hint: `no section [${name}] in ${store.path}; see "rsyncish listremotes"` });
    }
    const def = registry.get(section['type'] ?? '');
    if (!def || !isOAuthBackend(def)) {
      throw new UsageError('ERR_NO_RECONNECT', `remote "${name}" (type ${section['type'] ?? 'unknown'}) has no login to renew`, {
        hint: 'reconnect is for backends that log in with OAuth, such as acd',
      });
    }
    const io = streamIO(process.stdin, process.stdout);
    try {
      const values = { ...section };
      delete values['token'];
      // No answer at all (stdin closed) means the default: the browser flow.
      const auto = await askAutoConfig(io).catch((err: unknown) => {
        if (err instanceof InputEnded) return true;
        throw err;
      });
      const result = await runSetupStep(io, def, values, { remoteName: name, autoConfig: auto, redirectPort: redirectPortFromEnv(process.env), http: this.session.http });
      await store.set(name, { token: result['token'] ?? '' });
    } catch (err) {
      if (!(err instanceof InputEnded)) throw err;
      throw new UsageError('ERR_INPUT_ENDED', 'input ended before a token was pasted: the remote is unchanged', {
        hint: `paste the output of "rsyncish authorize ${def.type}", or answer "y" to log in here`,
      });
    } finally {
      io.close();
    }
  }
}

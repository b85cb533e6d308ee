import { Args } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { loadCore } from '../cli/load-core.js';

export default class Authorize extends BaseCommand<typeof Authorize> {
  static override summary = 'Remote authorization.';
  static override description =
    'Runs the OAuth login of backend TYPE on this machine (which needs a browser) and prints the token to paste into ' +
    '"rsyncish config" on a machine without one (its "config_token>" question). Give the options blob that ' +
    '"rsyncish config" printed, or CLIENT_ID CLIENT_SECRET; other options (auth_url, token_url) come from ' +
    '--<type>-<option> flags or RSYNCISH_<TYPE>_<OPTION> variables. The login messages go to stderr, the token block ' +
    'to stdout.';
  static override examples = [
    { command: '<%= config.bin %> authorize "acd" "eyJjbGllbnRfaWQiOi..."', description: 'As printed by "rsyncish config".' },
    { command: '<%= config.bin %> authorize acd amzn1.application-oa2-client.xxxx SECRET', description: 'With your own client.' },
  ];
  static override strict = false;
  static override args = {
    type: Args.string({ required: true, description: 'Backend type, e.g. acd.' }),
    blob: Args.string({ description: 'The options blob from "rsyncish config", or the client id.' }),
    secret: Args.string({ description: 'The client secret (when the client id is given).' }),
  };

  async run(): Promise<void> {
    const { UsageError, optionEnvName, TOKENS, rootContainer: container } = loadCore();
    const { decodeAuthorizeBlob, isOAuthBackend, redirectPortFromEnv } = await import('../wizard/index.js');
    const { type, blob, secret } = this.args;
    const def = this.session.registry.get(type);
    if (!def || !isOAuthBackend(def)) {
      const oauth = this.session.registry.all().filter(isOAuthBackend).map((d) => d.type);
      throw new UsageError('ERR_UNKNOWN_BACKEND', def ? `backend type "${type}" has no login to authorize` : `couldn't find backend for type "${type}"`, {
        hint: `types that log in with OAuth: ${oauth.join(', ') || 'none installed'}`,
      });
    }
    if (this.positionals.length > 3) {
      throw new UsageError('ERR_TOO_MANY_ARGS', 'authorize takes TYPE and then a blob, or a client id and secret', {
        hint: 'quote the blob: rsyncish authorize "acd" "eyJ..."',
      });
    }
    const given = secret !== undefined ? { client_id: blob ?? '', client_secret: secret } : blob !== undefined ? decodeAuthorizeBlob(blob) : {};
    const flags = container.resolve<Record<string, Record<string, string>>>(TOKENS.BackendFlags)[type] ?? {};
    const values: Record<string, string> = {};
    for (const spec of def.options) {
      if (spec.name === 'token') continue;
      const raw = flags[spec.name] ?? process.env[optionEnvName(type, spec.name)] ?? given[spec.name];
      if (raw) values[spec.name] = raw;
    }
    const result = await def.setup!({
      remoteName: type,
      values,
      print: (line) => process.stderr.write(`${line}\n`),
      ask: async () => {
        throw new UsageError('ERR_NOT_INTERACTIVE', `the ${type} login asked a question "authorize" cannot answer`);
      },
      nonInteractive: true,
      redirectPort: redirectPortFromEnv(process.env),
      http: this.session.http,
    });
    // The one place a token is printed on purpose: it is the user's own paste buffer (as rclone does).
    this.log('Paste the following into your remote machine --->');
    this.log(result['token'] ?? '');
    this.log('<---End paste');
  }
}

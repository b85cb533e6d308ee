import type { BackendDefinition, HttpTransport } from '@rsyncish/core';
import { encodeAuthorizeBlob, tokenFromPaste } from './authorize-blob.js';
import { choose } from './choose.js';
import { withEnvOptions } from './env-options.js';
import type { WizardIO } from './io.js';

export interface SetupStepOptions {
  remoteName: string;
  /** The OAuth redirect port (undefined = the backend's default, 53682). */
  redirectPort?: number;
  /** The answer to "Use auto config?" when the caller already has it. */
  autoConfig?: boolean;
  /** Where RSYNCISH_<TYPE>_<OPTION> values come from (process.env unless a test says otherwise). */
  env?: NodeJS.ProcessEnv;
  /** The global network flags, for the login's token exchange. */
  http?: HttpTransport;
}

/** A backend whose setup step yields a `token` option is an OAuth backend: it gets the auto-config question. */
export function isOAuthBackend(def: BackendDefinition): boolean {
  return def.setup !== undefined && def.options.some((o) => o.name === 'token');
}

/**
 * Run the backend's setup step from the wizard, and for OAuth backends first
 * ask rclone's "Use auto config?": yes runs the local browser flow, no prints
 * the `rsyncish authorize` line for a machine with a browser and reads the
 * result at `config_token>`. Returns the values with the step's results merged.
 */
export async function runSetupStep(
  io: WizardIO,
  def: BackendDefinition,
  values: Record<string, string>,
  options: SetupStepOptions,
): Promise<Record<string, string>> {
  if (!def.setup) return values;
  const working = { ...values };
  if (isOAuthBackend(def) && !working['token']) {
    if (!(options.autoConfig ?? (await askAutoConfig(io)))) working['token'] = await askPastedToken(io, def.type, working);
  }
  const result = await def.setup({
    remoteName: options.remoteName,
    values: withEnvOptions(def, working, options.env ?? process.env),
    print: (line) => io.print(line),
    ask: (prompt) => io.ask(prompt),
    nonInteractive: false,
    redirectPort: options.redirectPort,
    http: options.http,
  });
  return { ...working, ...result };
}

export async function askAutoConfig(io: WizardIO): Promise<boolean> {
  io.print('Use auto config?');
  io.print(' * Say Y if not sure');
  io.print(' * Say N if you are working on a remote or headless machine');
  io.print();
  return (await choose(io, [{ key: 'y', label: 'Yes' }, { key: 'n', label: 'No' }], 'y')) === 'y';
}

async function askPastedToken(io: WizardIO, type: string, values: Record<string, string>): Promise<string> {
  io.print('Option config_token.');
  io.print('For this to work, you will need rsyncish available on a machine that has');
  io.print('a web browser available.');
  io.print('Execute the following on the machine with the web browser (same rsyncish');
  io.print('version recommended):');
  io.print(`\trsyncish authorize "${type}" "${encodeAuthorizeBlob(values)}"`);
  io.print('Then paste the result.');
  io.print('Enter a value.');
  for (;;) {
    const answer = await io.ask('config_token');
    if (answer === '') {
      io.print('This value is required and it has no default.');
      continue;
    }
    const token = tokenFromPaste(answer);
    if (token) return token;
    io.print('That is not a token: paste the line between "Paste the following into your remote machine --->" and "<---End paste".');
  }
}

/**
 * The hidden test hook for the redirect port: RSYNCISH_OAUTH_REDIRECT_PORT
 * (0 = any free port) lets end-to-end tests run side by side; users never need it.
 */
export function redirectPortFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env['RSYNCISH_OAUTH_REDIRECT_PORT'];
  if (text === undefined || text === '' || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

import { parseEmulatorArgs, runEmulatorCommand, UsageError } from '@rsyncish/emulator-kit';
import { parseFaultPatch, type FaultPatch, type FaultSettings } from './faults.js';
import { readServiceAccountFile, startGcsEmulator, type GcsEmulator, type GcsEmulatorOptions } from './server.js';

export const USAGE = `Usage: gcs-emulator [options]

A local Google Cloud Storage JSON API with Google's OAuth and token endpoints, all on one port.

Server
  --host HOST                   address to bind (default 127.0.0.1)
  --port N                      port, 0 = any free port (default 0)
  --data DIR                    keep buckets and objects in DIR across restarts (default: temp dir removed on exit)
  --project-number N            project that new buckets belong to (default 123456789012)
  --print-config NAME           after the listening line, print an rsyncish/rclone config section [NAME] for this emulator
  -v, --verbose                 log one line per request to stderr
  -h, --help                    show this help

Auth
  --client-id ID                accept only this OAuth client (default: any client)
  --client-secret SECRET        and require this secret
  --auto-approve                the consent page approves at once
  --token-ttl DURATION          access token lifetime (default 1h; e.g. 5s, 3m, 1h)
  --service-account FILE        trust this service account for the JWT bearer grant: a JSON key file
                                (client_email, private_key) or {client_email, public_key}; repeatable
  --require-auth                refuse requests without a bearer token (default: allowed, as a public bucket)

Limits and faults
  --rate-limit N                API requests per second before 429 rateLimitExceeded (default 0 = off)
  --rate-limit-next N           the next N API requests get 429 rateLimitExceeded
  --fail-rate P                 fraction of API requests answered 503 backendError (0..1)
  --chunk-fail-rate P           fraction of resumable chunks that keep part of their bytes and answer 503
  --fail-next-chunks N          the next N resumable chunks fail that way
  --fail-every-nth-chunk N      every Nth resumable chunk fails that way (0 = off)
  --rewrite-bytes-per-call SIZE most bytes one rewrite call copies (default 0 = whole object; multiple of 1M)
  --max-file-size SIZE          larger uploads are refused with 413 (default 5T)

Sizes: 10G, 256M, 1.5M or plain bytes (binary multiples). Durations: 500ms, 5s, 3m, 1h.
Test hooks: see /_emulator/* in docs/gcs-emulator.md.
`;

const FAULT_FLAGS: Record<string, keyof FaultSettings> = {
  'rate-limit': 'rateLimit',
  'rate-limit-next': 'rateLimitNext',
  'fail-rate': 'failRate',
  'chunk-fail-rate': 'chunkFailRate',
  'fail-next-chunks': 'failNextChunks',
  'fail-every-nth-chunk': 'failEveryNthChunk',
  'rewrite-bytes-per-call': 'rewriteBytesPerCall',
  'max-file-size': 'maxFileSize',
};

export { UsageError };

export interface CliConfig {
  help: boolean;
  verbose: boolean;
  printConfig?: string;
  serviceAccountFiles: string[];
  options: GcsEmulatorOptions;
}

/** argv into emulator options; every mistake is a UsageError with a one-line message. */
export function parseCli(argv: string[]): CliConfig {
  const { help, verbose, base, values } = parseEmulatorArgs(argv, {
    faultFlags: FAULT_FLAGS,
    strings: ['project-number', 'print-config'],
    switches: ['require-auth'],
    lists: ['service-account'],
  });
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const options: GcsEmulatorOptions = { ...base };
  try {
    if (str('project-number') !== undefined) {
      if (!/^\d+$/.test(str('project-number')!)) throw new RangeError(`--project-number must be digits, got "${str('project-number')}"`);
      options.projectNumber = str('project-number')!;
    }
    if (values['require-auth']) options.requireAuth = true;
    const printConfig = str('print-config');
    if (printConfig !== undefined && !/^[\w.+@-][\w.+@ -]*$/.test(printConfig)) throw new RangeError(`--print-config needs a remote name (letters, digits, _ . + @ -), got "${printConfig}"`);
    const faults: FaultPatch = {};
    for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
      if (str(flag) === undefined) continue;
      faults[key] = str(flag)!;
      // Checked now, and named by its flag, so a typo is a usage error, not a failure at start.
      try {
        parseFaultPatch({ [key]: str(flag)! });
      } catch (err) {
        throw new RangeError((err as Error).message.replace(key, `--${flag}`));
      }
    }
    options.faults = faults;
    return {
      help,
      verbose,
      printConfig,
      serviceAccountFiles: (values['service-account'] as string[] | undefined) ?? [],
      options,
    };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The config section that points a `gcs` remote (rsyncish's or rclone's) at
 * this emulator: everything but the credentials the wizard obtains.
 */
export function configSection(name: string, emu: Pick<GcsEmulator, 'endpoint' | 'authUrl' | 'tokenUrl' | 'projectNumber'>, options: Pick<GcsEmulatorOptions, 'clientId' | 'clientSecret'>): string {
  const lines = [`[${name}]`, 'type = google cloud storage', `project_number = ${emu.projectNumber}`, `endpoint = ${emu.endpoint}`, `auth_url = ${emu.authUrl}`, `token_url = ${emu.tokenUrl}`];
  if (options.clientId !== undefined) lines.push(`client_id = ${options.clientId}`);
  if (options.clientSecret !== undefined) lines.push(`client_secret = ${options.clientSecret}`);
  return `${lines.join('\n')}\n`;
}

/** The `gcs-emulator` command. */
export function main(argv: string[]): Promise<void> {
  return runEmulatorCommand<CliConfig, GcsEmulator>({
    name: 'gcs-emulator',
    usage: USAGE,
    parse: parseCli,
    start: async (config, log) => {
      const accounts = await Promise.all(config.serviceAccountFiles.map(readServiceAccountFile));
      return startGcsEmulator({ ...config.options, serviceAccounts: accounts, log });
    },
    announce: (config, emulator) => (config.printConfig === undefined ? '' : configSection(config.printConfig, emulator, config.options)),
  }, argv);
}

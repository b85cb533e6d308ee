import { parseArgs } from 'node:util';
import { parseDuration } from '@rsyncish/acd-emulator';
import { parseFaultPatch } from './faults.js';
import type { FaultPatch } from './faults.js';
import { configSection } from './print-config.js';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './server.js';

export const USAGE = `Usage: dropbox-emulator [options]

A local Dropbox API v2 (RPC and content routes) and OAuth 2 server, all on one port.

Server
  --host HOST                 address to bind (default 127.0.0.1)
  --port N                    port, 0 = any free port (default 0)
  --data DIR                  keep the files in DIR across restarts (default: temp dir removed on exit)
  --print-config NAME         after the listening line, print a config section for a remote NAME
  -v, --verbose               log one line per request to stderr
  -h, --help                  show this help

OAuth
  --client-id ID              accept only this app key (default: any client)
  --client-secret SECRET      and require this app secret from clients that do not use PKCE
  --auto-approve              /oauth2/authorize redirects back with a code at once (default: consent page)
  --token-ttl DURATION        access token lifetime (default 4h; e.g. 5s, 3m, 1h)

Limits and faults
  --rate-limit N              API requests per second before 429 too_many_requests (default 0 = off)
  --fail-rate P               fraction of API requests answered 500 or 503 (0..1)
  --too-many-writes-rate P    fraction of write requests answered 429 too_many_write_operations,
                              and of finish_batch entries failed with it
  --lost-reply-rate P         fraction of uploads and session appends/finishes carried out
                              but answered 503, as if the reply was lost
  --max-file-size SIZE        largest file an upload session may build (default 350G)

Sizes: 10G, 1.5M or plain bytes (binary multiples). Durations: 500ms, 5s, 3m, 1h.
Test hooks: see /_emulator/* in docs/dropbox-emulator.md.
`;

const FAULT_FLAGS: Record<string, keyof FaultPatch> = {
  'rate-limit': 'rateLimit',
  'fail-rate': 'failRate',
  'too-many-writes-rate': 'tooManyWritesRate',
  'lost-reply-rate': 'lostReplyRate',
  'max-file-size': 'maxFileSize',
};

export class UsageError extends Error {}

export interface CliConfig {
  help: boolean;
  verbose: boolean;
  printConfig?: string;
  options: EmulatorOptions;
}

/** Turns argv into emulator options; every mistake is a UsageError with a one-line message. */
export function parseCli(argv: string[]): CliConfig {
  const stringFlags = ['host', 'port', 'data', 'client-id', 'client-secret', 'token-ttl', 'print-config', ...Object.keys(FAULT_FLAGS)];
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(stringFlags.map((f) => [f, { type: 'string' as const }])),
        'auto-approve': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const str = (name: string): string | undefined => v[name] as string | undefined;
  const options: EmulatorOptions = {};
  const config: CliConfig = { help: v['help'] === true, verbose: v['verbose'] === true, options };
  try {
    if (str('host') !== undefined) options.host = str('host')!;
    if (str('port') !== undefined) {
      const port = Number(str('port'));
      if (!/^\d+$/.test(str('port')!) || port > 65535) throw new RangeError(`--port must be 0..65535, got "${str('port')}"`);
      options.port = port;
    }
    if (str('data') !== undefined) options.dataDir = str('data')!;
    if (str('client-id') !== undefined) options.clientId = str('client-id')!;
    if (str('client-secret') !== undefined) options.clientSecret = str('client-secret')!;
    if (str('client-secret') !== undefined && str('client-id') === undefined) throw new RangeError('--client-secret needs --client-id');
    if (v['auto-approve']) options.autoApprove = true;
    if (str('token-ttl') !== undefined) {
      options.tokenTtl = parseDuration(str('token-ttl')!);
      if (options.tokenTtl <= 0) throw new RangeError('--token-ttl must be more than 0');
    }
    const name = str('print-config');
    if (name !== undefined) {
      // The name becomes a config section header: it must survive being written as [NAME].
      if (!/^[\w.+@-][\w.+@ -]*$/.test(name) || name.endsWith(' ')) throw new RangeError(`--print-config: "${name}" is not a valid remote name`);
      config.printConfig = name;
    }
    const faults: Record<string, string> = {};
    for (const [flag, key] of Object.entries(FAULT_FLAGS)) if (str(flag) !== undefined) faults[key] = str(flag)!;
    // Validated now so a typo is a usage error, not a start-up failure.
    parseFaultPatch(faults);
    options.faults = faults as FaultPatch;
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^(\w+)\b/, (k) => {
      const flag = Object.entries(FAULT_FLAGS).find(([, key]) => key === k)?.[0];
      return flag ? `--${flag}` : k;
    }));
  }
  return config;
}

function fail(message: string): never {
  process.stderr.write(`dropbox-emulator: ${message}\n`);
  process.exit(1);
}

/** The `dropbox-emulator` command. */
export async function main(argv: string[]): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCli(argv);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message} (see --help)`);
    throw err;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = config.verbose ? (line: string): void => void process.stderr.write(`${line}\n`) : undefined;
  let emulator;
  try {
    emulator = await startEmulator({ ...config.options, log });
  } catch (err) {
    fail((err as Error).message.split('\n')[0]!);
  }
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => fail(`stopping: ${(err as Error).message}`),
    );
  };
  // Before the line that says we are up: whoever reads it may signal at once.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  let out = `dropbox-emulator listening on ${emulator.url}\n`;
  if (config.printConfig !== undefined) out += configSection(config.printConfig, emulator.url, config.options);
  process.stdout.write(out);
}

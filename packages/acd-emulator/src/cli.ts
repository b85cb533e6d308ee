import { parseArgs } from 'node:util';
import { parseDuration, runEmulatorCommand, UsageError } from '@rsyncish/emulator-kit';
import type { FaultPatch } from './control.js';
import { parseFaultPatch } from './faults.js';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './server.js';

export const USAGE = `Usage: acd-emulator [options]

A local Amazon Drive v1 REST API and Login-with-Amazon OAuth server, all on one port.

Server
  --host HOST                 address to bind (default 127.0.0.1)
  --port N                    port, 0 = any free port (default 0)
  --data DIR                  keep the drive in DIR across restarts (default: temp dir removed on exit)
  -v, --verbose               log one line per request to stderr
  -h, --help                  show this help

OAuth
  --client-id ID              accept only this client (default: any client)
  --client-secret SECRET      and require this secret
  --auto-approve              /ap/oa redirects back with a code at once (default: consent page)
  --token-ttl DURATION        access token lifetime (default 1h; e.g. 5s, 3m, 1h)

Limits and faults
  --rate-limit N              API requests per second before 429 "Rate exceeded" (default 0 = off)
  --fail-rate P               fraction of API requests answered 500/502/503 (0..1)
  --timeout-rate P            fraction answered 408
  --gateway-timeout-rate P    fraction answered 504 with an empty body
  --spurious-403-rate P       fraction answered 403 "Authorization header requires..."
  --ghost-upload-rate P       fraction of uploads stored but answered 5xx
  --ghost-upload-delay DUR    ghost uploads stay out of listings this long (default 0)
  --ghost-upload-status LIST  statuses a ghost upload answers (default 504,500)
  --pending-upload-rate P     fraction of uploads whose node stays PENDING
  --max-file-size SIZE        larger uploads are refused with 403 (default 50G)
  --download-wall SIZE        files this big or bigger cannot be downloaded directly (default 10G)
  --download-wall-mode MODE   redirect (to a presigned URL, default) or forbid (403)
  --listing-lag DURATION      new and moved nodes stay out of listings this long (default 0)
  --next-token-ttl DURATION   listing nextToken lifetime (default 10m)
  --templink-ttl DURATION     tempLink lifetime (default 48h)

Sizes: 10G, 50GB, 50GiB, 1.5M or plain bytes (binary multiples). Durations: 500ms, 5s, 3m, 1h.
Test hooks: see /_emulator/* in docs/acd-emulator.md.
`;

const FAULT_FLAGS: Record<string, keyof FaultPatch> = {
  'rate-limit': 'rateLimit',
  'fail-rate': 'failRate',
  'timeout-rate': 'timeoutRate',
  'gateway-timeout-rate': 'gatewayTimeoutRate',
  'spurious-403-rate': 'spurious403Rate',
  'ghost-upload-rate': 'ghostUploadRate',
  'ghost-upload-delay': 'ghostUploadDelay',
  'ghost-upload-status': 'ghostUploadStatuses',
  'pending-upload-rate': 'pendingUploadRate',
  'max-file-size': 'maxFileSize',
  'download-wall': 'downloadWall',
  'download-wall-mode': 'downloadWallMode',
  'listing-lag': 'listingLag',
  'next-token-ttl': 'nextTokenTtl',
  'templink-ttl': 'tempLinkTtl',
};

export { UsageError };

export interface CliConfig {
  help: boolean;
  verbose: boolean;
  options: EmulatorOptions;
}

/** Turns argv into emulator options; every mistake is a UsageError with a one-line message. */
export function parseCli(argv: string[]): CliConfig {
  const stringFlags = ['host', 'port', 'data', 'client-id', 'client-secret', 'token-ttl', ...Object.keys(FAULT_FLAGS)];
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
  const options: EmulatorOptions = {};
  const str = (name: string): string | undefined => v[name] as string | undefined;
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
    const faults: Record<string, string> = {};
    for (const [flag, key] of Object.entries(FAULT_FLAGS)) if (str(flag) !== undefined) faults[key] = str(flag)!;
    // Validated now so a typo is a usage error, not a start-up failure.
    parseFaultPatch(faults);
    options.faults = faults as FaultPatch;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { help: v['help'] === true, verbose: v['verbose'] === true, options };
}

/** The `acd-emulator` command. */
export function main(argv: string[]): Promise<void> {
  return runEmulatorCommand({
    name: 'acd-emulator',
    usage: USAGE,
    parse: parseCli,
    start: (config, log) => startEmulator({ ...config.options, log }),
  }, argv);
}

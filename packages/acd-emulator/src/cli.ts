import { parseEmulatorArgs, runEmulatorCommand, UsageError } from '@rsyncish/emulator-kit';
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
  const { help, verbose, base, faults } = parseEmulatorArgs(argv, { faultFlags: FAULT_FLAGS });
  try {
    // Validated now so a typo is a usage error, not a start-up failure.
    parseFaultPatch(faults);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { help, verbose, options: { ...base, faults: faults as FaultPatch } };
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

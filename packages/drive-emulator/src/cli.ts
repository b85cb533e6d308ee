import { parseEmulatorArgs, runEmulatorCommand, UsageError } from '@rsyncish/emulator-kit';
import type { FaultPatch } from './control.js';
import { parseFaultPatch } from './faults.js';
import { printConfig } from './print-config.js';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './server.js';

export const USAGE = `Usage: drive-emulator [options]

A local Google Drive v3 API and Google OAuth 2.0 server, all on one port.

Server
  --host HOST                 address to bind (default 127.0.0.1)
  --port N                    port, 0 = any free port (default 0)
  --data DIR                  keep the drive in DIR across restarts (default: temp dir removed on exit)
  --print-config NAME         after the listening line, print a [NAME] config section for this emulator
  -v, --verbose               log one line per request to stderr
  -h, --help                  show this help

OAuth
  --client-id ID              accept only this client (default: any client)
  --client-secret SECRET      and require this secret
  --auto-approve              /o/oauth2/auth redirects back with a code at once (default: consent page)
  --token-ttl DURATION        access token lifetime (default 1h; e.g. 5s, 3m, 1h)

Limits and faults
  --rate-limit N              API requests per second before 403 userRateLimitExceeded (default 0 = off)
  --fail-rate P               fraction of API and upload requests answered 500 or 503 (0..1)
  --partial-chunk-rate P      fraction of resumable chunks cut short: half kept, 503 answered
  --max-file-size SIZE        larger uploads are refused with 413 (default 5T)
  --quota SIZE                storage quota (default 15G); uploads past it get 403 storageQuotaExceeded

Sizes: 10G, 50GB, 50GiB, 1.5M or plain bytes (binary multiples). Durations: 500ms, 5s, 3m, 1h.
Test hooks: see /_emulator/* in docs/drive-emulator.md.
`;

const FAULT_FLAGS: Record<string, keyof FaultPatch> = {
  'rate-limit': 'rateLimit',
  'fail-rate': 'failRate',
  'partial-chunk-rate': 'partialChunkRate',
  'max-file-size': 'maxFileSize',
  quota: 'quota',
};

export { UsageError };

export interface CliConfig {
  help: boolean;
  verbose: boolean;
  printConfig?: string;
  options: EmulatorOptions;
}

/** Turns argv into emulator options; every mistake is a UsageError with a one-line message. */
export function parseCli(argv: string[]): CliConfig {
  const { help, verbose, base, faults, values } = parseEmulatorArgs(argv, { faultFlags: FAULT_FLAGS, strings: ['print-config'] });
  const config: CliConfig = { help, verbose, options: base };
  try {
    const name = values['print-config'] as string | undefined;
    if (name !== undefined) {
      if (!/^[\w.-]+$/.test(name)) throw new RangeError(`--print-config needs a remote name of letters, digits, _ . -, got "${name}"`);
      config.printConfig = name;
    }
    // Validated now so a typo is a usage error, not a start-up failure.
    parseFaultPatch(faults);
    config.options.faults = faults as FaultPatch;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return config;
}

/** The `drive-emulator` command. */
export function main(argv: string[]): Promise<void> {
  return runEmulatorCommand({
    name: 'drive-emulator',
    usage: USAGE,
    parse: parseCli,
    start: (config, log) => startEmulator({ ...config.options, log }),
    announce: (config, emulator) => {
      if (config.printConfig === undefined) return '';
      const { clientId, clientSecret } = config.options;
      return printConfig({ name: config.printConfig, url: emulator.url, ...(clientId !== undefined ? { clientId } : {}), ...(clientSecret !== undefined ? { clientSecret } : {}) });
    },
  }, argv);
}

import { parseEmulatorArgs, runEmulatorCommand, UsageError } from '@rsyncish/emulator-kit';
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
      // The name becomes a config section header: it must survive being written as [NAME].
      if (!/^[\w.+@-][\w.+@ -]*$/.test(name) || name.endsWith(' ')) throw new RangeError(`--print-config: "${name}" is not a valid remote name`);
      config.printConfig = name;
    }
    // Validated now so a typo is a usage error, not a start-up failure.
    parseFaultPatch(faults);
    config.options.faults = faults as FaultPatch;
  } catch (err) {
    // A fault setting's message names it by its key; the user typed the flag.
    throw new UsageError((err as Error).message.replace(/^(\w+)\b/, (k) => {
      const flag = Object.entries(FAULT_FLAGS).find(([, key]) => key === k)?.[0];
      return flag ? `--${flag}` : k;
    }));
  }
  return config;
}

/** The `dropbox-emulator` command. */
export function main(argv: string[]): Promise<void> {
  return runEmulatorCommand<CliConfig>({
    name: 'dropbox-emulator',
    usage: USAGE,
    parse: parseCli,
    start: (config, log) => startEmulator({ ...config.options, log }),
    announce: (config, emulator) => (config.printConfig === undefined ? '' : configSection(config.printConfig, emulator.url, config.options)),
  }, argv);
}

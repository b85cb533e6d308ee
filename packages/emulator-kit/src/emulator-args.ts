import { parseArgs } from 'node:util';
import { UsageError } from './emulator-main.js';
import type { EmulatorBaseOptions } from './emulator-options.js';
import { parseDuration } from './units.js';

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** The flags an emulator takes beyond the server and OAuth ones they all share. */
export interface EmulatorFlags {
  /** Fault flag to the fault setting it sets, e.g. `'fail-rate': 'failRate'`. */
  faultFlags: Record<string, string>;
  /** Other flags that take a value. */
  strings?: string[];
  /** Other flags that take none. */
  switches?: string[];
  /** Flags that take a value and may be given more than once. */
  lists?: string[];
}

export interface EmulatorArgs {
  help: boolean;
  verbose: boolean;
  /** From --host --port --data --client-id --client-secret --auto-approve --token-ttl. */
  base: EmulatorBaseOptions;
  /** The fault flags given, by fault setting name, unchecked: each emulator checks its own. */
  faults: Record<string, string>;
  /** Every flag as parsed, for the emulator's own. */
  values: FlagValues;
}

const BASE_STRINGS = ['host', 'port', 'data', 'client-id', 'client-secret', 'token-ttl'];

/**
 * Parses an emulator's argv: the shared flags into start options, the fault flags into a patch.
 * Every mistake in the shared flags is a UsageError with a one-line message.
 */
export function parseEmulatorArgs(argv: string[], flags: EmulatorFlags): EmulatorArgs {
  const strings = [...BASE_STRINGS, ...(flags.strings ?? []), ...Object.keys(flags.faultFlags)];
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(strings.map((f) => [f, { type: 'string' as const }])),
        ...Object.fromEntries((flags.lists ?? []).map((f) => [f, { type: 'string' as const, multiple: true }])),
        ...Object.fromEntries((flags.switches ?? []).map((f) => [f, { type: 'boolean' as const }])),
        'auto-approve': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
  const values = parsed.values as FlagValues;
  const str = (name: string): string | undefined => values[name] as string | undefined;
  const base: EmulatorBaseOptions = {};
  try {
    if (str('host') !== undefined) base.host = str('host')!;
    if (str('port') !== undefined) {
      const port = Number(str('port'));
      if (!/^\d+$/.test(str('port')!) || port > 65535) throw new RangeError(`--port must be 0..65535, got "${str('port')}"`);
      base.port = port;
    }
    if (str('data') !== undefined) base.dataDir = str('data')!;
    if (str('client-id') !== undefined) base.clientId = str('client-id')!;
    if (str('client-secret') !== undefined) base.clientSecret = str('client-secret')!;
    if (str('client-secret') !== undefined && str('client-id') === undefined) throw new RangeError('--client-secret needs --client-id');
    if (values['auto-approve']) base.autoApprove = true;
    if (str('token-ttl') !== undefined) {
      base.tokenTtl = parseDuration(str('token-ttl')!);
      if (base.tokenTtl <= 0) throw new RangeError('--token-ttl must be more than 0');
    }
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const faults: Record<string, string> = {};
  for (const [flag, key] of Object.entries(flags.faultFlags)) if (str(flag) !== undefined) faults[key] = str(flag)!;
  return { help: values['help'] === true, verbose: values['verbose'] === true, base, faults, values };
}

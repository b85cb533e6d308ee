import {
  cleanRemotePath,
  DEFAULT_BACKEND_GLOBALS,
  resolveOptions,
  type BackendContext,
  type BackendDefinition,
  type BackendGlobals,
  type HttpDump,
  type LogLevel,
} from '@rsyncish/core';

export interface TestContextInput {
  /**
   * The remote's option values. With `definition`, written as in a config file
   * (`chunk_size = 5M`) and parsed, defaulted and checked as rsyncish does when
   * it opens the remote; without it, handed to the backend as they are.
   */
  options?: Record<string, string | number | boolean | undefined>;
  /** Reads options from RSYNCISH_<TYPE>_<OPTION> (with `definition`) and proxies from HTTPS_PROXY/NO_PROXY. Default: none. */
  env?: NodeJS.ProcessEnv;
  /** Global flags over rclone's defaults: `{ lowLevelRetries: 3, tpsLimit: 5 }`. */
  globals?: Partial<BackendGlobals>;
  /** The path inside the remote, as typed after `remote:`. Default ''. */
  root?: string;
  /** Default `test`. */
  remoteName?: string;
  /** Resolve `options` through this definition's option specs. */
  definition?: Pick<BackendDefinition, 'type' | 'options'>;
  /** Dump the HTTP of the backend's HttpClients into `logs` at DEBUG, as --dump headers does (true), or with more. */
  dump?: boolean | Partial<Omit<HttpDump, 'write'>>;
  /** The clock the backend reads; default Date.now. */
  now?: () => number;
}

/** A logged line without its timestamp. */
export interface LoggedLine {
  level: LogLevel;
  message: string;
}

/** A BackendContext whose side effects a test can read back. */
export interface TestContext extends BackendContext {
  /** Every line the backend logged, at every level (as -vv would show). */
  readonly logs: LoggedLine[];
  /** Each saveOptions() call's values, in order (where the CLI would patch the config file). */
  readonly saved: Record<string, string>[];
}

/**
 * The context rsyncish hands a backend factory for one remote, built without
 * the CLI so a plugin's own tests can open its backend: rclone's defaults for
 * the global flags, the HTTP transport every HttpClient should get, a logger
 * that keeps what it is told, and saveOptions recorded instead of written.
 */
export function createTestContext(input: TestContextInput = {}): TestContext {
  const env = input.env ?? {};
  const logs: LoggedLine[] = [];
  const saved: Record<string, string>[] = [];
  const log = (level: LogLevel) => (message: string) => void logs.push({ level, message });
  const rawRoot = input.root ?? '';
  const globals: BackendGlobals = {
    ...DEFAULT_BACKEND_GLOBALS,
    http: { env, dump: dumpOf(input.dump, (line) => logs.push({ level: 'debug', message: line })) },
    ...input.globals,
  };
  return {
    remoteName: input.remoteName ?? 'test',
    root: cleanRemotePath(rawRoot),
    rawRoot,
    options: optionsOf(input, env),
    logger: { error: log('error'), notice: log('notice'), info: log('info'), debug: log('debug') },
    saveOptions: async (values) => void saved.push({ ...values }),
    now: input.now ?? (() => Date.now()),
    globals,
    logs,
    saved,
  };
}

function optionsOf(input: TestContextInput, env: NodeJS.ProcessEnv): BackendContext['options'] {
  const given = input.options ?? {};
  if (!input.definition) return { ...given };
  const section: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) if (v !== undefined) section[k] = String(v);
  const { type, options } = input.definition;
  return resolveOptions(type, options, { env, section }, `remote "${input.remoteName ?? 'test'}"`);
}

function dumpOf(dump: TestContextInput['dump'], write: (line: string) => void): HttpDump | undefined {
  if (!dump) return undefined;
  const asked = dump === true ? {} : dump;
  return { headers: true, requestBodies: false, responseBodies: false, auth: false, ...asked, write };
}

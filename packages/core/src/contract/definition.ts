import type { Backend } from './backend.js';
import type { Capabilities } from './capabilities.js';
import type { HttpTransport } from '../http/transport.js';
import type { BackendContext } from './context.js';

/**
 * Version of the plugin contract; core's major version follows it. A plugin
 * built for version 1 loads through a compatibility layer (registry/v1-adapter);
 * one built for any other version is refused.
 */
export const BACKEND_API_VERSION = 2;

export type OptionType = 'string' | 'bool' | 'int' | 'size' | 'duration';

export interface OptionSpec {
  /** snake_case, as in the config file: `templink_threshold`. */
  name: string;
  help: string;
  type: OptionType;
  /** Default in the option's own syntax, e.g. `9G`, `3m`, `true`. */
  default?: string;
  /** Never printed in logs or errors; masked by `config show`. */
  secret?: boolean;
  /**
   * A password, kept obscured as rclone keeps its `IsPassword` options (see
   * core's obscure module): `config create` obscures it, and the value read from
   * the config file, an env var or a flag is revealed before the backend sees
   * it. Implies `secret`. Mark an option so only where rclone's backend does,
   * or the two tools would read one config file differently.
   */
  password?: boolean;
  /** Shown by the wizard only when the user asks for advanced options. */
  advanced?: boolean;
  /** A value must be given (config create/update and the wizard insist, opening the remote refuses without one) unless there is a default. */
  required?: boolean;
  /** Suggested values, shown as a numbered list by the wizard. */
  examples?: { value: string; help: string }[];
  /**
   * The value must be one of `examples` (or empty, unless `required`), as
   * rclone's `Exclusive`. Without it the examples are only suggestions.
   */
  exclusive?: boolean;
}

/** Answers gathered so far, and a way to ask the user more. */
export interface SetupContext {
  /** The remote being configured. */
  remoteName: string;
  /** Current option values for the remote (strings, as in the config file). */
  values: Record<string, string>;
  /** Print a line for the user. */
  print(line: string): void;
  /** Ask a question; resolves with the answer (trimmed). */
  ask(prompt: string): Promise<string>;
  /** True when no human is present (e.g. `config create` without --interactive). */
  nonInteractive: boolean;
  /** Port for a local OAuth redirect server; absent = the backend's default (53682), 0 = any free port (tests). */
  redirectPort?: number;
  /** The global network flags (--ca-cert, --dump, …), for the HTTP requests of the setup (a token exchange). */
  http?: HttpTransport;
}

export interface BackendDefinition {
  apiVersion: number;
  /** Config `type =` value, e.g. `local`, `acd`. */
  type: string;
  /**
   * Other `type =` values that mean this backend: rclone's name for it where
   * ours differs (`amazon cloud drive` for `acd`), so an rclone.conf works as is.
   */
  aliases?: string[];
  description: string;
  options: OptionSpec[];
  /** Capabilities, also available without opening a remote (for `rsyncish backends`). */
  capabilities: Capabilities;
  /**
   * Optional interactive step run by `rsyncish config` after the options are
   * collected (OAuth, for example). Returns option values to store.
   */
  setup?(ctx: SetupContext): Promise<Record<string, string>>;
  /** Build a Backend for one configured remote rooted at `root` (remote-relative path). */
  create(ctx: BackendContext): Promise<Backend> | Backend;
}

import { MissingOptionError, missingRequired, optionEnvName, type BackendDefinition } from '@rsyncish/core';

/**
 * Refuse to save a remote that lacks a required option, so it fails now, in
 * the command that made it, rather than at its first use. An option set by
 * its RSYNCISH_<TYPE>_<OPTION> variable counts, as it does when the remote is
 * opened: some keep a secret out of the file that way. `command` is the line
 * that would have given it, shown in the hint.
 */
export function assertRequiredOptions(
  def: BackendDefinition,
  values: Record<string, string>,
  remote: string,
  command: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const missing = missingRequired(def.options, (name) => values[name] || env[optionEnvName(def.type, name)]);
  if (!missing) return;
  throw new MissingOptionError(missing.name, `remote "${remote}" of type ${def.type}`, `give it a value: ${command} ${missing.name}=VALUE (nothing was written)`);
}

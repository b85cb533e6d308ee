import { optionEnvName, type BackendDefinition } from '@rsyncish/core';

/**
 * The values a backend's setup step (the OAuth login) sees: the remote's own,
 * with any RSYNCISH_<TYPE>_<OPTION> variable on top, in the order every
 * command reads options (environment before config). Only the step sees them:
 * what the environment says is not written into the config file, as rclone.
 */
export function withEnvOptions(def: BackendDefinition, values: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const out = { ...values };
  for (const spec of def.options) {
    const value = env[optionEnvName(def.type, spec.name)];
    if (value !== undefined && value !== '') out[spec.name] = value;
  }
  return out;
}

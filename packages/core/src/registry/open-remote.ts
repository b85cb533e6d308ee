import type { Backend, BackendContext, BackendDefinition } from '../contract/index.js';
import { resolveOptions } from '../config/option-values.js';
import { RemoteWithoutTypeError, UsageError } from '../errors/index.js';
import { hostServices, type HostInput, type HostServices } from '../host/host-services.js';
import { cleanRemotePath, parseRemotePath, type RemotePath } from '../paths/index.js';

export interface OpenedRemote {
  backend: Backend;
  definition: BackendDefinition;
  location: RemotePath;
}

/**
 * Open what the user typed (`remote:path`, `:type:path` or a local path) with
 * the host's services given as plain values; the ones left out take their
 * defaults (see HostInput), so a script needs no container or registration.
 */
export function openRemote(text: string, host: HostInput = {}): Promise<OpenedRemote> {
  return new RemoteOpener(hostServices(host)).open(text);
}

/**
 * Turns what the user typed (`remote:path` or a local path) into an opened
 * Backend: finds the config section, picks the definition by its `type`,
 * resolves options (flag > env > config > default) and calls the factory with
 * a context made from the host's services for this remote alone.
 */
export class RemoteOpener {
  constructor(private readonly host: HostServices) {}

  async open(text: string): Promise<OpenedRemote> {
    const location = parseRemotePath(text);
    const { config: store, registry, logger, clock, globals } = this.host;
    let type: string;
    let section: Record<string, string> | undefined;
    let root: string;
    if (location.type !== undefined) {
      type = location.type;
      root = cleanRemotePath(location.path);
    } else if (location.remote === undefined) {
      type = 'local';
      root = location.path;
    } else {
      section = await store.get(location.remote);
      if (!section) {
        throw new UsageError('ERR_UNKNOWN_REMOTE', `didn't find section in config file for remote "${location.remote}"`, {
          hint: `run "rsyncish config" to create it, or check the name with "rsyncish listremotes" (config file: ${store.path})`,
        });
      }
      if (!section.type) {
        throw new RemoteWithoutTypeError(location.remote, store.path);
      }
      type = section.type;
      root = cleanRemotePath(location.path);
    }
    const definition = registry.get(type);
    if (!definition) {
      const where = location.type !== undefined ? `on-the-fly remote "${location.text}"`
        : location.remote === undefined ? 'local paths' : `remote "${location.remote}"`;
      throw new UsageError('ERR_UNKNOWN_BACKEND', `backend type "${type}" for ${where} is not installed`, {
        hint: 'see "rsyncish backends" for the installed types; a plugin may provide it ("rsyncish plugins install ...")',
      });
    }
    const flags = this.host.backendFlags[definition.type];
    const env = this.host.env;
    const where = location.remote === undefined ? (location.type ?? 'local') : `remote "${location.remote}"`;
    // Flags and env vars are named by the type, whatever alias the config file used.
    const options = resolveOptions(definition.type, definition.options, { flags, env, section }, where);
    const remoteName = location.remote ?? '';
    const ctx: BackendContext = {
      remoteName,
      root,
      rawRoot: location.path,
      options,
      logger,
      now: () => clock.now(),
      globals,
      saveOptions: async (values) => {
        // Only the keys given, and only while the remote exists: another run may
        // have changed or deleted it since this one read the file.
        if (remoteName && !(await store.patch(remoteName, values))) {
          ctx.logger.notice(`${remoteName}: not saving ${Object.keys(values).join(', ')}: the remote is no longer in the config file`);
        }
      },
    };
    const backend = await definition.create(ctx);
    return { backend, definition, location };
  }
}

import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { Backend, BackendContext, BackendDefinition, BackendGlobals } from '../contract/index.js';
import type { ConfigStore } from '../config/config-store.js';
import { resolveOptions } from '../config/option-values.js';
import { RemoteWithoutTypeError, UsageError } from '../errors/index.js';
import type { Logger } from '../logging/logger.js';
import { cleanRemotePath, parseRemotePath, type RemotePath } from '../paths/index.js';
import type { BackendRegistry } from './backend-registry.js';
import { TOKENS, type Clock } from './tokens.js';

/**
 * tsyringe's root container, where RemoteOpener builds each remote's child
 * container from. Hosts (the CLI, tests) register their services here rather
 * than importing tsyringe themselves: core's bundle carries its own tsyringe,
 * and a second copy would hold a second, empty registry.
 */
export { rootContainer };

export interface OpenedRemote {
  backend: Backend;
  definition: BackendDefinition;
  location: RemotePath;
  /** The per-remote child container the backend was built from. */
  container: DependencyContainer;
}

/**
 * Turns what the user typed (`remote:path` or a local path) into an opened
 * Backend: finds the config section, picks the definition by its `type`,
 * resolves options (flag > env > config > default) and calls the factory with a
 * context drawn from a child container made for this remote alone.
 */
export class RemoteOpener {
  constructor(
    private readonly registry: BackendRegistry,
    private readonly parent: DependencyContainer = rootContainer,
  ) {}

  async open(text: string): Promise<OpenedRemote> {
    const location = parseRemotePath(text);
    const store = this.parent.resolve<ConfigStore>(TOKENS.ConfigStore);
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
    const definition = this.registry.get(type);
    if (!definition) {
      const where = location.type !== undefined ? `on-the-fly remote "${location.text}"`
        : location.remote === undefined ? 'local paths' : `remote "${location.remote}"`;
      throw new UsageError('ERR_UNKNOWN_BACKEND', `backend type "${type}" for ${where} is not installed`, {
        hint: 'see "rsyncish backends" for the installed types; a plugin may provide it ("rsyncish plugins install ...")',
      });
    }
    const child = this.parent.createChildContainer();
    child.register(TOKENS.RemoteName, { useValue: location.remote ?? '' });
    child.register(TOKENS.RemoteSection, { useValue: section ?? {} });
    const flags = this.parent.isRegistered(TOKENS.BackendFlags, true)
      ? this.parent.resolve<Record<string, Record<string, string>>>(TOKENS.BackendFlags)[definition.type]
      : undefined;
    const env = this.parent.isRegistered(TOKENS.Env, true)
      ? this.parent.resolve<NodeJS.ProcessEnv>(TOKENS.Env)
      : process.env;
    const where = location.remote === undefined ? (location.type ?? 'local') : `remote "${location.remote}"`;
    // Flags and env vars are named by the type, whatever alias the config file used.
    const options = resolveOptions(definition.type, definition.options, { flags, env, section }, where);
    const remoteName = location.remote ?? '';
    const ctx: BackendContext = {
      remoteName,
      root,
      rawRoot: location.path,
      options,
      logger: child.resolve<Logger>(TOKENS.Logger),
      now: () => child.resolve<Clock>(TOKENS.Clock).now(),
      globals: child.resolve<BackendGlobals>(TOKENS.Globals),
      saveOptions: async (values) => {
        // Only the keys given, and only while the remote exists: another run may
        // have changed or deleted it since this one read the file.
        if (remoteName && !(await store.patch(remoteName, values))) {
          ctx.logger.notice(`${remoteName}: not saving ${Object.keys(values).join(', ')}: the remote is no longer in the config file`);
        }
      },
    };
    const backend = await definition.create(ctx);
    return { backend, definition, location, container: child };
  }
}

import type { Accounting } from '../engine/accounting.js';
import type { CheckSummary } from '../engine/check.js';
import { openRemote, type OpenedRemote } from '../registry/open-remote.js';
import { checkTrees, type TreeCheckOptions } from './check-trees.js';
import { hostServices, type HostInput, type HostServices } from './host-services.js';
import { transferTree, type TreeTransferOptions } from './transfer-tree.js';

/** The engine for a script: host services given once, remotes opened and trees copied with them. */
export interface Host {
  readonly services: HostServices;
  /** `remote:path`, `:type:path` or a local path. */
  openRemote(text: string): Promise<OpenedRemote>;
  copy(src: OpenedRemote, dst: OpenedRemote, options?: TreeTransferOptions): Promise<Accounting>;
  sync(src: OpenedRemote, dst: OpenedRemote, options?: TreeTransferOptions): Promise<Accounting>;
  move(src: OpenedRemote, dst: OpenedRemote, options?: TreeTransferOptions): Promise<Accounting>;
  check(src: OpenedRemote, dst: OpenedRemote, options?: TreeCheckOptions): Promise<CheckSummary>;
  /** Close every remote this host opened (their connections, timers), so the process can end. */
  close(): Promise<void>;
}

export function createHost(input: HostInput = {}): Host {
  const services = hostServices(input);
  const opened: OpenedRemote[] = [];
  // The host's logger unless the call gives its own.
  const run = (mode: 'copy' | 'sync' | 'move') => (src: OpenedRemote, dst: OpenedRemote, options: TreeTransferOptions = {}) =>
    transferTree(mode, src, dst, { logger: services.logger, ...options });
  return {
    services,
    async openRemote(text) {
      const remote = await openRemote(text, services);
      opened.push(remote);
      return remote;
    },
    copy: run('copy'),
    sync: run('sync'),
    move: run('move'),
    check: (src, dst, options = {}) => checkTrees(src, dst, { logger: services.logger, ...options }),
    async close() {
      for (const remote of opened.splice(0)) await remote.backend.close?.();
    },
  };
}

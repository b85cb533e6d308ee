import type { Logger } from '@rsyncish/core';
import type { AcdApi } from './api/acd-api.js';
import type { AcdNode } from './api/types.js';
import { AcdConsistencyError } from './errors.js';
import type { AcdInternals } from './internals.js';

export interface MoveRequest {
  node: AcdNode;
  srcParentId: string;
  dstParentId: string;
  /** Encoded names, as on the server. */
  srcName: string;
  dstName: string;
  attempts: number;
  internals: AcdInternals;
  logger: Logger;
  what: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * rclone's move: PATCH the name when the leaf changes, POST children when the
 * folder changes. When the rename fails (a clash, often with a stale view),
 * trash the node, rename it there (trash never clashes), move its parent link,
 * then restore it. Afterwards wait until the listing shows the move.
 */
export async function moveNode(api: AcdApi, r: MoveRequest): Promise<AcdNode> {
  const rename = r.srcName !== r.dstName;
  const reparent = r.srcParentId !== r.dstParentId;
  if (rename && r.node.parents.length > 1) {
    throw new AcdConsistencyError(`${r.what}: cannot rename a node that has ${r.node.parents.length} parents`);
  }
  let node = r.node;
  let quick = true;
  if (rename) {
    try {
      node = await api.rename(node.id, r.dstName);
    } catch (err) {
      r.logger.debug(`${r.what}: rename failed (${(err as Error).message}); trashing, renaming and restoring instead`);
      quick = false;
    }
  }
  if (quick) {
    if (reparent) node = await api.move(node.id, r.srcParentId, r.dstParentId);
  } else {
    await api.trash(node.id);
    await api.rename(node.id, r.dstName);
    if (reparent) {
      // Moving a trashed node is refused; adding and removing parent links is not.
      await api.addParent(node.id, r.dstParentId);
      await api.removeParent(node.id, r.srcParentId);
    }
    node = await api.restore(node.id);
  }
  await waitForMove(api, r, node.id);
  return node;
}

/** rclone: 200 ms, then up to low-level-retries polls 1 s apart until source gone and destination visible. */
async function waitForMove(api: AcdApi, r: MoveRequest, id: string): Promise<void> {
  await sleep(r.internals.moveSettleMs);
  for (let i = 1; i <= r.attempts; i++) {
    const [src, dst] = await Promise.all([
      api.findChild(r.srcParentId, r.srcName).catch(() => undefined),
      api.findChild(r.dstParentId, r.dstName).catch(() => undefined),
    ]);
    // A case-only rename finds the moved node under the old spelling too.
    const srcGone = !src || (src.id === id && r.srcParentId === r.dstParentId && src.name === r.dstName);
    if (srcGone && dst?.id === id) return;
    await sleep(r.internals.movePollMs);
  }
  r.logger.notice(`${r.what}: the move is done but the listing does not show it yet`);
}

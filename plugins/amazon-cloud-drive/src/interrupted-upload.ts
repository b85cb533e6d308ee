import type { Logger } from '@rsyncish/core';
import type { AcdApi } from './api/acd-api.js';

/** How often, and how far apart, to look for the node a broken upload left. */
const LOOKS = 5;
const LOOK_INTERVAL_MS = 200;

/**
 * An upload whose body broke off (Ctrl-C, a copy that failed verification
 * before its last bytes, a dropped connection) leaves a PENDING node without
 * content (an overwrite leaves the old content: nothing to undo). Trash it, the only way
 * to remove a node. The service may record the broken upload a moment after
 * our connection closed, so look a few times before concluding there is none.
 */
export async function dropInterruptedUpload(api: AcdApi, parentId: string, name: string, logger: Logger, what: string): Promise<void> {
  for (let i = 0; i < LOOKS; i++) {
    try {
      const found = await api.interruptedUploads(parentId, name);
      for (const node of found) await api.trash(node.id);
      if (found.length > 0) {
        logger.debug(`${what}: trashed the interrupted upload`);
        return;
      }
    } catch (err) {
      logger.notice(`${what}: could not remove the interrupted upload: ${(err as Error).message}`);
      return;
    }
    await new Promise((r) => setTimeout(r, LOOK_INTERVAL_MS));
  }
}

import type { Readable } from 'node:stream';
import type { AcdNode } from './types.js';

export interface ChangeBatch {
  /** The last checkpoint the server sent; absent when none arrived. */
  checkpoint?: string;
  /** The server asks the client to drop what it knows. */
  reset: boolean;
  nodes: AcdNode[];
  /** The stream stopped before `{"end":true}` (rclone tolerates this). */
  truncated: boolean;
}

/**
 * Read the changes feed: one JSON object per line, each
 * `{checkpoint, reset, nodes, statusCode}`, the last `{"end":true}`. A stream
 * that breaks off (a cut connection, half a line) keeps what came before.
 */
export async function readChanges(body: Readable): Promise<ChangeBatch> {
  const batch: ChangeBatch = { reset: false, nodes: [], truncated: true };
  let buffered = '';
  const take = (line: string): boolean => {
    if (line.trim() === '') return true;
    let obj: { end?: boolean; checkpoint?: string; reset?: boolean; nodes?: AcdNode[] };
    try {
      obj = JSON.parse(line);
    } catch {
      return false;
    }
    if (obj.end) {
      batch.truncated = false;
      return false;
    }
    if (typeof obj.checkpoint === 'string') batch.checkpoint = obj.checkpoint;
    if (obj.reset) batch.reset = true;
    if (Array.isArray(obj.nodes)) batch.nodes.push(...obj.nodes);
    return true;
  };
  try {
    for await (const chunk of body) {
      buffered += String(chunk);
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (!take(line)) {
          body.destroy();
          return batch;
        }
      }
    }
  } catch {
    // io.ErrUnexpectedEOF in rclone: what arrived so far still counts.
    return batch;
  }
  if (buffered) take(buffered);
  return batch;
}

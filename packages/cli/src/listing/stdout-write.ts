import { once } from 'node:events';

/**
 * Write to stdout and wait while its buffer is full (a slow pipe), so a
 * listing of millions of entries never piles up in memory.
 */
export async function writeStdout(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

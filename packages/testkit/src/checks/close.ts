import type { Kit } from '../kit.js';
import { must, putBytes } from '../ops.js';
import { broken } from '../violation.js';

export function registerClose(kit: Kit): void {
  kit.check('close', 'close() of a used backend resolves', async () => {
    const other = await must('create() for a second backend', () => kit.create());
    if (!other || typeof other.put !== 'function') broken('create() did not return a backend');
    await putBytes(other, 'close-check/file.txt', 'used before close');
    await must('close()', async () => other.close?.());
  });
}

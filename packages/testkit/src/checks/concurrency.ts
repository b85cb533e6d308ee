import type { Kit } from '../kit.js';
import { listNames, putBytes, readBack } from '../ops.js';
import { broken } from '../violation.js';

const COUNT = 20;

/** The engine runs --transfers puts at once, often into one folder; none may be lost. */
export function registerConcurrency(kit: Kit): void {
  kit.check('concurrent-puts', `${COUNT} puts at once into one folder all land`, async ({ dir }) => {
    const b = kit.backend;
    const names = Array.from({ length: COUNT }, (_, i) => `file-${String(i).padStart(2, '0')}.txt`);
    await Promise.all(names.map((n, i) => putBytes(b, `${dir}/${n}`, `content ${i} `.repeat(i + 1))));
    const listed = await listNames(b, dir);
    const missing = names.filter((n) => !listed.has(n));
    if (missing.length > 0) broken(`${COUNT} concurrent puts into one folder lost ${missing.length}: ${missing.join(', ')} not listed`);
    for (const [i, n] of names.entries()) {
      if ((await readBack(b, `${dir}/${n}`)).toString() !== `content ${i} `.repeat(i + 1)) {
        broken(`after ${COUNT} concurrent puts, ${n} holds another file's content`);
      }
    }
  });
}

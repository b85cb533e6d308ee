import type { Kit } from '../kit.js';
import { listNames, putBytes, readBack, statOf } from '../ops.js';
import { broken } from '../violation.js';

/** The march matches names by the destination's declared case rule; a wrong declaration duplicates or merges files. */
export function registerCase(kit: Kit): void {
  kit.check('case', 'names differing only in case are one name if and only if caseInsensitive is declared', async ({ dir }) => {
    const b = kit.backend;
    await putBytes(b, `${dir}/Case.txt`, 'first');
    if (kit.caps.caseInsensitive) {
      const found = await statOf(b, `${dir}/case.txt`).catch(() => undefined);
      if (!found) broken('declares caseInsensitive but stat("case.txt") does not find "Case.txt"');
      await putBytes(b, `${dir}/CASE.txt`, 'second');
      const names = [...(await listNames(b, dir)).keys()];
      if (names.length !== 1) broken(`declares caseInsensitive but a put of "CASE.txt" next to "Case.txt" left ${JSON.stringify(names)} instead of replacing it`);
      if ((await readBack(b, `${dir}/case.txt`)).toString() !== 'second') {
        broken('declares caseInsensitive but a put of "CASE.txt" did not replace the content of "Case.txt"');
      }
      return;
    }
    await putBytes(b, `${dir}/case.txt`, 'second');
    const names = [...(await listNames(b, dir)).keys()].sort();
    if (names.length !== 2) {
      broken(`declares case-sensitive names but "Case.txt" and "case.txt" became ${JSON.stringify(names)}; declare caseInsensitive: true`);
    }
    if ((await readBack(b, `${dir}/Case.txt`)).toString() !== 'first' || (await readBack(b, `${dir}/case.txt`)).toString() !== 'second') {
      broken('declares case-sensitive names but "Case.txt" and "case.txt" do not keep their own contents');
    }
  });
}

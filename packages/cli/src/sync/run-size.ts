import { Filter, totalSize } from '@rsyncish/core';
import type { Session } from '../cli/session.js';
import { statSourceRoot } from '../cli/file-root.js';
import { ErrorTally } from '../output/error-tally.js';
import { byteUnit } from '../stats/rclone-units.js';

/** `size`: rclone 1.60's two lines, or its JSON object. */
export async function runSize(session: Session, path: string, asJson: boolean): Promise<void> {
  const remote = await session.open(path);
  const errors = new ErrorTally(session.logger, session.json, 'error listing');
  try {
    await statSourceRoot(session, remote);
    const t = await totalSize(remote.backend, { filter: new Filter(session.filter), checkers: session.engine.checkers, fastList: session.engine.fastList, onError: errors.add });
    if (asJson) {
      process.stdout.write(`${JSON.stringify({ count: t.count, bytes: t.bytes, sizeless: t.unknown })}\n`);
    } else {
      let out = `Total objects: ${countSuffix(t.count)} (${t.count})\nTotal size: ${byteUnit(t.bytes)} (${t.bytes} Byte)\n`;
      if (t.unknown > 0) out += `Total objects with unknown size: ${countSuffix(t.unknown)} (${t.unknown})\n`;
      process.stdout.write(out);
    }
  } finally {
    await remote.backend.close?.();
  }
  errors.throwIfAny('size');
}

/** rclone's CountSuffix: decimal multiples, three decimals when not whole (`1.500k`). */
export function countSuffix(n: number): string {
  const units = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number.isInteger(v) ? v.toFixed(0) : v.toFixed(3)}${units[i]}`;
}

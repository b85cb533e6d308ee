import { COMPUTABLE_HASHES, type Entry } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { listNames, must, putBytes, statOf } from '../ops.js';
import { digest } from '../streams.js';
import { broken, short, show } from '../violation.js';

const CONTENTS: [string, Buffer][] = [
  ['h-text', Buffer.from('The quick brown fox jumps over the lazy dog')],
  ['h-empty', Buffer.alloc(0)],
  ['h-binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff))],
];

/**
 * A declared hash is what the engine verifies transfers with, so it must be the
 * real digest of the content wherever the backend reports it.
 */
export function registerHashes(kit: Kit): void {
  kit.check('hashes', 'every declared hash is the real digest of the content', async ({ dir, t }) => {
    const b = kit.backend;
    const declared = kit.caps.hashes;
    if (declared.length === 0) {
      t.diagnostic('declares no hashes');
      return;
    }
    for (const type of declared) {
      if (type !== type.toLowerCase()) broken(`declares hash type ${show(type)}; hash types are lowercase`);
    }
    const checkable = declared.filter((h) => COMPUTABLE_HASHES.has(h));
    const other = declared.filter((h) => !COMPUTABLE_HASHES.has(h));
    if (other.length > 0) t.diagnostic(`cannot verify ${other.join(', ')}: node:crypto does not compute them`);
    for (const [name, content] of CONTENTS) {
      const path = `${dir}/${name}`;
      const put = await putBytes(b, path, content, { computeHashes: checkable });
      const stat = await statOf(b, path);
      const listed = (await listNames(b, dir)).get(name);
      for (const type of checkable) {
        const real = digest(content, type);
        const reported = (where: string, value: string | undefined) => {
          if (value !== undefined && value !== real) {
            broken(`declares ${type} but ${where} returned ${short(value)} for content whose ${type} is ${short(real)}`);
          }
        };
        const fromEntry = (e: Entry | undefined) => e?.hashes?.[type];
        reported(`put(${show(path)})`, fromEntry(put));
        if (kit.caps.hashesOnPut?.includes(type) && fromEntry(put) === undefined) {
          broken(`declares ${type} in hashesOnPut but put(${show(path)}) asked for it returned none`);
        }
        reported(`stat(${show(path)})`, fromEntry(stat));
        reported(`list(${show(dir)})`, fromEntry(listed));
        const viaHash = b.hash ? await must(`hash(${show(path)}, ${show(type)})`, () => b.hash!(path, type)) : undefined;
        reported(`hash(${show(path)})`, viaHash);
        if (viaHash === undefined && fromEntry(stat) === undefined) {
          broken(`declares ${type} but neither hash(${show(path)}, ${show(type)}) nor stat reports one`);
        }
      }
    }
  });
}

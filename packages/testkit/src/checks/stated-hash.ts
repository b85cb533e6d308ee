import { Readable } from 'node:stream';
import { COMPUTABLE_HASHES, errorCode } from '@rsyncish/core';
import type { Kit } from '../kit.js';
import { putBytes, readBack } from '../ops.js';
import { broken, describeError, show } from '../violation.js';

const PREVIOUS = Buffer.from('previous version');
const SENT = Buffer.from('bytes whose hash is not the stated one');

/**
 * What declaring hashesOnPut promises the engine: given the source's hash
 * (PutOptions.hashes), put() compares what it stored with it before it
 * commits, and a mismatch fails with ERR_HASH_MISMATCH leaving the previous
 * version under the name. The engine does not hash such a transfer itself.
 */
export function registerStatedHash(kit: Kit): void {
  kit.check('stated-hash', 'a put whose bytes differ from the stated hash is refused before it replaces anything', async ({ dir, t }) => {
    const b = kit.backend;
    const types = (kit.caps.hashesOnPut ?? []).filter((h) => COMPUTABLE_HASHES.has(h));
    if (types.length === 0) {
      t.diagnostic('declares no hashesOnPut');
      return;
    }
    for (const type of types) {
      const path = `${dir}/${type}.bin`;
      await putBytes(b, path, PREVIOUS);
      const stated = { [type]: '0'.repeat(type === 'md5' ? 32 : type === 'sha1' ? 40 : 64) };
      let refusal: unknown;
      try {
        await b.put(path, Readable.from([SENT]), { size: SENT.length, hashes: stated, computeHashes: [type] });
      } catch (err) {
        refusal = err;
      }
      if (refusal === undefined) broken(`declares ${type} in hashesOnPut but put(${show(path)}) stored bytes whose ${type} is not the stated one`);
      if (errorCode(refusal) !== 'ERR_HASH_MISMATCH') {
        broken(`put(${show(path)}) with a wrong stated ${type} failed with ${describeError(refusal)} instead of ERR_HASH_MISMATCH`);
      }
      let now: Buffer;
      try {
        now = await readBack(b, path);
      } catch (err) {
        return broken(`a put refused for its ${type} lost the previous version of ${show(path)}: ${describeError(err)}`);
      }
      if (!now.equals(PREVIOUS)) broken(`a put refused for its ${type} changed ${show(path)}: ${now.length} bytes instead of the previous ${PREVIOUS.length}`);
    }
  });
}

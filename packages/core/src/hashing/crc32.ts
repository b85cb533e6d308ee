import * as zlib from 'node:zlib';

/** zlib.crc32 where this Node has it (20.15 and later), else the table below. */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;

/** The IEEE CRC-32 of `data`, continuing from `value` (as zlib.crc32). */
function crc32(data: Uint8Array, value: number): number {
  return native ? native(data, value) : crc32ByTable(data, value);
}

/** The same without zlib, a byte at a time (exported for the test that checks it against zlib's). */
export function crc32ByTable(data: Uint8Array, value = 0): number {
  table ??= makeTable();
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

/**
 * rclone's `crc32` hash: the IEEE CRC-32 (as zip and gzip use), printed as 8
 * lowercase hex digits, big-endian. Fed in pieces of any size, like node's Hash.
 */
export class Crc32Hash {
  private value = 0;

  update(data: Uint8Array): this {
    this.value = crc32(data, this.value);
    return this;
  }

  /** Lowercase hex; `encoding` is accepted for node Hash compatibility and must be `hex`. */
  digest(encoding: 'hex' = 'hex'): string {
    if (encoding !== 'hex') throw new Error('Crc32Hash gives hex only');
    return this.value.toString(16).padStart(8, '0');
  }
}

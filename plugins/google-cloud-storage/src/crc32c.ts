// CRC32C (Castagnoli): the checksum GCS recommends and keeps for every object,
// also for composite ones that have no MD5.

const TABLE = (() => {
  const t = new Uint32Array(256 * 4);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  // Four tables, so the loop takes four bytes a step: a gigabyte upload is hashed in flight.
  for (let i = 0; i < 256; i++) for (let s = 1; s < 4; s++) t[s * 256 + i] = (t[(s - 1) * 256 + i]! >>> 8) ^ t[t[(s - 1) * 256 + i]! & 0xff]!;
  return t;
})();

/** Hashes bytes as they pass; `base64()` is the value GCS shows in `crc32c` and X-Goog-Hash. */
export class Crc32c {
  private crc = 0xffffffff;

  update(data: Uint8Array): this {
    let c = this.crc;
    let i = 0;
    const n = data.length;
    for (; i + 4 <= n; i += 4) {
      c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
      c = TABLE[768 + (c & 0xff)]! ^ TABLE[512 + ((c >>> 8) & 0xff)]! ^ TABLE[256 + ((c >>> 16) & 0xff)]! ^ TABLE[(c >>> 24) & 0xff]!;
    }
    for (; i < n; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
    this.crc = c >>> 0;
    return this;
  }

  value(): number {
    return ~this.crc >>> 0;
  }

  base64(): string {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(this.value());
    return b.toString('base64');
  }
}

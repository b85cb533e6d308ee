import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';

/** Dropbox hashes content in blocks of this many bytes. */
export const BLOCK_SIZE = 4 * 1024 * 1024;

/**
 * Dropbox's content_hash, fed in pieces of any size: the SHA-256 of each 4 MiB block (the last
 * may be shorter), concatenated, then SHA-256 of that, in hex. Empty content hashes no block,
 * so its content_hash is the SHA-256 of nothing.
 */
export class ContentHasher {
  private readonly blockHashes: Buffer[] = [];
  private block: Hash = createHash('sha256');
  private inBlock = 0;

  update(data: Buffer): this {
    let pos = 0;
    while (pos < data.length) {
      const take = Math.min(BLOCK_SIZE - this.inBlock, data.length - pos);
      this.block.update(data.subarray(pos, pos + take));
      this.inBlock += take;
      pos += take;
      if (this.inBlock === BLOCK_SIZE) this.endBlock();
    }
    return this;
  }

  digest(): string {
    if (this.inBlock > 0) this.endBlock();
    return createHash('sha256').update(Buffer.concat(this.blockHashes)).digest('hex');
  }

  private endBlock(): void {
    this.blockHashes.push(this.block.digest());
    this.block = createHash('sha256');
    this.inBlock = 0;
  }
}

export function contentHash(data: Buffer): string {
  return new ContentHasher().update(data).digest();
}

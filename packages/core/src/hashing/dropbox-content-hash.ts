import { createHash, type Hash } from 'node:crypto';

/** Dropbox hashes content in blocks of 4 MiB. */
export const DROPBOX_BLOCK_SIZE = 4 * 1024 * 1024;

/**
 * Dropbox's `content_hash`: the SHA-256 of the concatenated SHA-256 digests of
 * each 4 MiB block (the last one shorter). Empty content is the SHA-256 of
 * nothing. Fed in pieces of any size, like node's Hash.
 */
export class DropboxContentHash {
  private readonly overall: Hash = createHash('sha256');
  private block: Hash = createHash('sha256');
  private inBlock = 0;
  private result: string | undefined;

  update(data: Uint8Array): this {
    let at = 0;
    while (at < data.length) {
      const take = Math.min(DROPBOX_BLOCK_SIZE - this.inBlock, data.length - at);
      this.block.update(data.subarray(at, at + take));
      this.inBlock += take;
      at += take;
      if (this.inBlock === DROPBOX_BLOCK_SIZE) this.endBlock();
    }
    return this;
  }

  /** Lowercase hex; `encoding` is accepted for node Hash compatibility and must be `hex`. */
  digest(encoding: 'hex' = 'hex'): string {
    if (encoding !== 'hex') throw new Error('DropboxContentHash gives hex only');
    if (this.result === undefined) {
      if (this.inBlock > 0) this.endBlock();
      this.result = this.overall.digest('hex');
    }
    return this.result;
  }

  private endBlock(): void {
    this.overall.update(this.block.digest());
    this.block = createHash('sha256');
    this.inBlock = 0;
  }
}

import { createHash } from 'node:crypto';
import { BlobStore as KitBlobStore, TooLargeError } from '@rsyncish/emulator-kit';
import type { Digester } from '@rsyncish/emulator-kit';

export { TooLargeError };

export interface WrittenBlob {
  blob: string;
  size: number;
  md5: string;
}

class Md5 implements Digester<WrittenBlob> {
  private readonly hash = createHash('md5');

  update(chunk: Buffer): void {
    this.hash.update(chunk);
  }

  finish(blob: string, size: number): WrittenBlob {
    return { blob, size, md5: this.hash.digest('hex') };
  }
}

/** File bodies with the MD5 Amazon Drive reports. */
export class BlobStore extends KitBlobStore<WrittenBlob> {
  constructor(root: string) {
    super(root, () => new Md5());
  }
}

import { createHash } from 'node:crypto';
import { BlobStore as KitBlobStore, TooLargeError } from '@rsyncish/emulator-kit';
import type { Digester } from '@rsyncish/emulator-kit';

export { TooLargeError };

export interface WrittenBlob {
  blob: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

/** The three checksums Drive reports, computed in one pass. */
class DriveDigests implements Digester<WrittenBlob> {
  private readonly md5 = createHash('md5');
  private readonly sha1 = createHash('sha1');
  private readonly sha256 = createHash('sha256');

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.sha1.update(chunk);
    this.sha256.update(chunk);
  }

  finish(blob: string, size: number): WrittenBlob {
    return { blob, size, md5: this.md5.digest('hex'), sha1: this.sha1.digest('hex'), sha256: this.sha256.digest('hex') };
  }
}

/** File bodies with Drive's md5, sha1 and sha256. */
export class BlobStore extends KitBlobStore<WrittenBlob> {
  constructor(root: string) {
    super(root, () => new DriveDigests());
  }
}

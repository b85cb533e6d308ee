import { Flags } from '@oclif/core';

/** The flags md5sum, sha1sum and hashsum share, as rclone's AddHashsumFlags. */
export const hashSumFlags = {
  download: Flags.boolean({ description: 'Download the file and hash it locally.' }),
  base64: Flags.boolean({ description: 'Output base64 encoded hashsum.' }),
  'output-file': Flags.string({ description: 'Output hashsums to a file rather than the terminal.' }),
  checkfile: Flags.string({ char: 'C', description: 'Validate hashes against a given SUM file instead of printing them.' }),
};

export interface HashSumFlagValues {
  download: boolean;
  base64: boolean;
  'output-file'?: string;
  checkfile?: string;
}

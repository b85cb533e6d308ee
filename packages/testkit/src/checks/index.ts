import type { Kit } from '../kit.js';
import { registerBasics } from './basics.js';
import { registerCase } from './case.js';
import { registerClose } from './close.js';
import { registerConcurrency } from './concurrency.js';
import { registerCopyMove } from './copy-move.js';
import { registerDeclarations } from './declarations.js';
import { registerDelete } from './delete.js';
import { registerDirectories } from './directories.js';
import { registerFailedUpload } from './failed-upload.js';
import { registerHashes } from './hashes.js';
import { registerLargeFile } from './large-file.js';
import { registerListRecursive } from './list-recursive.js';
import { registerModTime } from './mod-time.js';
import { registerNotFound } from './not-found.js';
import { registerOddNames } from './odd-names.js';
import { registerOverDirectory } from './over-directory.js';
import { registerPurgeLocate } from './purge-locate.js';
import { registerServerSide } from './server-side.js';
import { registerStatedHash } from './stated-hash.js';

/** Every check, in the order they run: cheap contract basics first, heavy streams last. */
export const CHECK_GROUPS: ((kit: Kit) => void)[] = [
  registerDeclarations,
  registerBasics,
  registerDirectories,
  registerListRecursive,
  registerDelete,
  registerNotFound,
  registerHashes,
  registerStatedHash,
  registerModTime,
  registerCase,
  registerOddNames,
  registerCopyMove,
  registerServerSide,
  registerOverDirectory,
  registerPurgeLocate,
  registerConcurrency,
  registerFailedUpload,
  registerLargeFile,
  registerClose,
];

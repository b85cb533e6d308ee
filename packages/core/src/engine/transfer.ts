import type { Backend, Entry, HashType } from '../contract/index.js';
import { errorCode, HashMismatchError, RsyncishError } from '../errors/index.js';
import { COMPUTABLE_HASHES, VerifyingStream, type ExpectedContent, type VerificationFailure } from '../hashing/index.js';
import type { Accounting } from './accounting.js';
import { throttled, type Throttle } from './throttle.js';

export interface TransferRequest {
  src: Backend;
  dst: Backend;
  srcEntry: Entry;
  /** Where to write on the destination (the existing name when one matched). */
  dstPath: string;
  /**
   * Stream and hash even when the destination could copy on its own
   * (--checksum: the user asked for hashes, so every copy is hash-verified).
   */
  verifyByHash?: boolean;
  /** A previous version is at dstPath (for messages: a refused copy leaves it in place). */
  replacing?: boolean;
  /** Aborts the transfer (Ctrl-C): the backends then remove their temp files or objects. */
  signal?: AbortSignal;
  /** Stream even when the destination could copy on its own, so the copy can be cut midway (--max-transfer hard). */
  streamOnly?: boolean;
  /** --bwlimit: the bytes stream no faster than this lets them. */
  throttle?: Throttle;
}

/** The hash to verify a transfer with: one both sides know that we can compute in flight. */
export function verifyHash(src: Backend, dst: Backend): HashType | undefined {
  return dst.capabilities.hashes.find((h) => src.capabilities.hashes.includes(h) && COMPUTABLE_HASHES.has(h));
}

/**
 * Stream one file from src to dst through a VerifyingStream: when the source
 * states a hash (or only its size), the last bytes reach the destination only
 * once everything read matched, so a bad copy fails inside put() and the
 * destination's real name keeps its previous version. A destination that
 * hashes what it stores (hashesOnPut) is given the source's hash and refuses
 * the copy itself before committing it. Only a mismatch the destination
 * reveals after it committed (it stored something else than it was sent)
 * removes the bad copy.
 */
export async function transferFile(req: TransferRequest, stats: Accounting): Promise<Entry> {
  const { src, dst, srcEntry, dstPath } = req;
  if (dst.copyFrom && !req.streamOnly && !(req.verifyByHash && verifyHash(src, dst))) {
    const copied = await copyWithoutStreaming(req, stats);
    if (copied) return copied;
  }
  const hashType = verifyHash(src, dst);
  const srcKnown = hashType ? srcEntry.hashes?.[hashType] : undefined;
  // Where the destination hashes what it stores at no more cost than hashing
  // the stream here (a local filesystem does it on a worker thread), it checks
  // the source's hash before its rename and the stream checks the size only.
  const dstHashes = Boolean(srcKnown && dst.capabilities.hashesOnPut?.includes(hashType!));
  const expected: ExpectedContent = {
    size: srcEntry.size,
    hash: srcKnown && !dstHashes ? { type: hashType!, value: srcKnown } : undefined,
  };
  const read = await src.get(srcEntry.path, { signal: req.signal });
  const input = req.throttle ? throttled(read, req.throttle, req.signal) : read;
  // Counted inside the transform: a 'data' listener would start the flow before put() reads it.
  const verifier = new VerifyingStream(expected, hashType && !srcKnown ? [hashType] : [], (n) => stats.addBytes(srcEntry.path, n));
  // The bytes flow once put() reads, so every failure reaches it while it
  // listens. (Plain pipe, not stream.pipeline: that builds and aborts an
  // AbortController per call, which costs more than the copy itself for small
  // files.) A destination may stop listening once its request ended; the
  // failure is then in `verifier.failure`, and unheard the 'error' event would
  // crash the process.
  verifier.feedFrom(input);
  verifier.on('error', () => {});
  verifier.once('close', () => {
    if (!input.destroyed && !input.readableEnded) input.destroy();
  });
  let stored: Entry;
  try {
    stored = await dst.put(dstPath, verifier, {
      size: srcEntry.size,
      modTime: srcEntry.modTime,
      modTimeNanos: srcEntry.modTimeNanos,
      mimeType: srcEntry.mimeType,
      // The source's hashes: a destination that hashes on put compares its own
      // with them before committing; S3 stores an MD5 in multipart metadata.
      hashes: srcEntry.hashes,
      // One hash pass per byte: when the source states its hash, either the
      // stream (above) or the destination (dstHashes) checks it; otherwise
      // both sides hash and are compared. A hash the destination returns
      // anyway, computed on its side, is always compared.
      computeHashes: hashType && (!srcKnown || dstHashes) ? [hashType] : [],
      signal: req.signal,
    });
  } catch (err) {
    // put() may fail before reading: release the source file or connection.
    verifier.destroy();
    input.destroy();
    if (verifier.failure) throw notStored(req, verifier.failure, err);
    // hashesOnPut's promise: a hash mismatch from put() is a copy refused before it was committed.
    if (dstHashes && errorCode(err) === 'ERR_HASH_MISMATCH') throw notStored(req, { kind: 'hash', detail: (err as Error).message }, err);
    throw err;
  }
  const problem = storedProblem(req, verifier, stored, hashType, srcKnown, dstHashes);
  if (problem) {
    // A destination that returned early leaves the source open: release it.
    verifier.destroy();
    input.destroy();
    // The destination committed a copy that is not the source's bytes: the
    // previous version is gone already, and a bad copy must not stay.
    await dst.delete(dstPath).catch(() => {});
    throw new HashMismatchError(`${shownPath(req)}: ${problem}; the bad copy was removed`);
  }
  // An empty file's destination may never read, and so never start the flow.
  if (!input.readableEnded) input.destroy();
  return stored;
}

/** The error for a copy refused before the destination committed it. */
function notStored(req: TransferRequest, failure: VerificationFailure, cause: unknown): RsyncishError {
  const kept = req.replacing ? 'the copy was not stored and the previous version was kept' : 'the copy was not stored';
  const message = `${shownPath(req)}: ${failure.kind === 'hash' ? 'hash mismatch' : 'source changed during transfer'}: ${failure.detail}; ${kept}`;
  if (failure.kind === 'hash') {
    return new HashMismatchError(message, {
      hint: `the bytes read from ${req.src.name} differ from the hash it states; run again, and if it persists the copy there is damaged`,
      cause,
    });
  }
  return new RsyncishError('ERR_SOURCE_CHANGED', message, { hint: 'the file was modified while being copied; run again', exitCode: 5, cause });
}

/** The file's path for messages; a single-file source is at '' and goes by the remote's name. */
function shownPath(req: TransferRequest): string {
  return req.srcEntry.path || req.src.name;
}

/** What is wrong with a copy the destination reports stored, if anything. */
function storedProblem(
  req: TransferRequest,
  verifier: VerifyingStream,
  stored: Entry,
  hashType: HashType | undefined,
  srcKnown: string | undefined,
  dstHashes: boolean,
): string | undefined {
  const { src, dst } = req;
  // A destination that ignored its input failing, or stopped reading early.
  if (verifier.failure) return `${dst.name} stored a copy that failed verification (${verifier.failure.detail})`;
  // An empty file needs no reading: an HTTP body of length 0 is never read.
  const nothingToRead = req.srcEntry.size === 0 && verifier.bytes === 0;
  if (!verifier.verified && !nothingToRead) return `${dst.name} stored the file before reading all of it (${verifier.bytes} bytes read)`;
  const sent = verifier.bytes;
  if (stored.size >= 0 && stored.size !== sent) return `size mismatch after transfer: sent ${sent} bytes, ${dst.name} stored ${stored.size}`;
  if (!hashType) return undefined;
  const dstKnown = stored.hashes?.[hashType];
  if (dstHashes) {
    if (!dstKnown) return `${dst.name} did not report the ${hashType} of what it stored, so the copy cannot be verified`;
    if (dstKnown !== srcKnown) return `${hashType} mismatch: ${src.name} reports ${srcKnown}, ${dst.name} stored ${dstKnown}`;
    return undefined;
  }
  const sentHash = srcKnown ?? verifier.digests()[hashType];
  if (dstKnown && dstKnown !== sentHash) return `${hashType} mismatch: sent ${sentHash}, ${dst.name} stored ${dstKnown}`;
  return undefined;
}

/**
 * A copy the destination makes itself from a compatible source (same storage
 * system). No bytes pass through us, so there is no in-flight hash: copyFrom
 * checks the size before it replaces the real name (its contract). A stored
 * size that still differs was committed, so the bad copy is removed.
 */
async function copyWithoutStreaming(req: TransferRequest, stats: Accounting): Promise<Entry | undefined> {
  const { src, dst, srcEntry, dstPath } = req;
  const stored = await dst.copyFrom!(src, srcEntry.path, dstPath, { size: srcEntry.size, modTime: srcEntry.modTime, modTimeNanos: srcEntry.modTimeNanos, signal: req.signal });
  if (!stored) return undefined;
  if (srcEntry.size >= 0 && stored.size >= 0 && stored.size !== srcEntry.size) {
    await dst.delete(dstPath).catch(() => {});
    throw new RsyncishError('ERR_SOURCE_CHANGED', `${shownPath(req)}: source changed during transfer: copied ${stored.size} bytes, expected ${srcEntry.size}; the bad copy was removed`, {
      hint: 'the file was modified while being copied; run again', exitCode: 5,
    });
  }
  stats.addBytes(srcEntry.path, Math.max(0, stored.size));
  return stored;
}

import type { Backend, Entry, HashType } from '../contract/index.js';
import { HashMismatchError, RsyncishError } from '../errors/index.js';
import { COMPUTABLE_HASHES, HashingStream } from '../hashing/index.js';
import type { Accounting } from './accounting.js';
import { noteStreamedBytes } from './streamed-bytes.js';

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
  /** Aborts the transfer (Ctrl-C): the backends then remove their temp files or objects. */
  signal?: AbortSignal;
}

/** The hash to verify a transfer with: one both sides know that we can compute in flight. */
export function verifyHash(src: Backend, dst: Backend): HashType | undefined {
  return dst.capabilities.hashes.find((h) => src.capabilities.hashes.includes(h) && COMPUTABLE_HASHES.has(h));
}

/**
 * Stream one file from src to dst, hashing the bytes as they pass, then check
 * the stored size and the destination's hash against what was sent. A copy that
 * fails verification is deleted, never left in place.
 */
export async function transferFile(req: TransferRequest, stats: Accounting): Promise<Entry> {
  const { src, dst, srcEntry, dstPath } = req;
  if (dst.copyFrom && !(req.verifyByHash && verifyHash(src, dst))) {
    const copied = await copyWithoutStreaming(req, stats);
    if (copied) return copied;
  }
  const hashType = verifyHash(src, dst);
  const srcKnown = hashType && srcEntry.hashes?.[hashType];
  // The destination hashes what it stores where it says that costs no more than
  // hashing the stream here (a local filesystem does it on a worker thread).
  const dstHashes = Boolean(srcKnown && dst.capabilities.hashesOnPut?.includes(hashType!));
  const input = await src.get(srcEntry.path, { signal: req.signal });
  // Counted inside the transform: a 'data' listener would start the flow before put() reads it.
  const hasher = new HashingStream(hashType && !dstHashes ? [hashType] : [], (n) => {
    stats.addBytes(srcEntry.path, n);
    noteStreamedBytes(n);
  });
  // A failing source destroys the hasher, so put() sees the error. (Plain pipe,
  // not stream.pipeline: that builds and aborts an AbortController per call,
  // which costs more than the copy itself for small files.)
  input.once('error', (err) => hasher.destroy(err));
  // put() may not be reading yet (making the parent directory) when the
  // source fails or Ctrl-C aborts it; an unheard 'error' would crash the
  // process. put() finds the stream destroyed when it reads.
  hasher.on('error', () => {});
  hasher.once('close', () => {
    if (!input.destroyed && !input.readableEnded) input.destroy();
  });
  input.pipe(hasher);
  let stored: Entry;
  try {
    stored = await dst.put(dstPath, hasher, {
      size: srcEntry.size,
      modTime: srcEntry.modTime,
      mimeType: srcEntry.mimeType,
      // Hashes the source already knows (e.g. ACD's MD5) let the destination store them (S3 multipart metadata).
      hashes: srcEntry.hashes,
      // One hash pass per byte: when the source states its hash, either the
      // bytes we send or (dstHashes) the bytes stored are checked against it;
      // otherwise both sides hash and are compared. A hash the destination
      // returns anyway, computed on its side, is always compared.
      computeHashes: hashType && (!srcKnown || dstHashes) ? [hashType] : [],
      signal: req.signal,
    });
  } catch (err) {
    // put() may fail before reading: release the source file or connection.
    hasher.destroy();
    input.destroy();
    throw err;
  }
  const sent = hasher.bytes;
  let problem: string | undefined;
  if (srcEntry.size >= 0 && sent !== srcEntry.size) {
    problem = `source changed during transfer: read ${sent} bytes, expected ${srcEntry.size}`;
  } else if (stored.size >= 0 && stored.size !== sent) {
    problem = `size mismatch after transfer: sent ${sent} bytes, ${dst.name} stored ${stored.size}`;
  } else if (hashType && dstHashes) {
    const dstKnown = stored.hashes?.[hashType];
    if (!dstKnown) {
      problem = `${dst.name} did not report the ${hashType} of what it stored, so the copy cannot be verified`;
    } else if (dstKnown !== srcKnown) {
      problem = `${hashType} mismatch: ${src.name} reports ${srcKnown}, ${dst.name} stored ${dstKnown}`;
    }
  } else if (hashType) {
    const sentHash = hasher.digests()[hashType];
    const dstKnown = stored.hashes?.[hashType];
    if (srcKnown && srcKnown !== sentHash) {
      problem = `${hashType} mismatch: ${src.name} reports ${srcKnown}, read ${sentHash}`;
    } else if (dstKnown && dstKnown !== sentHash) {
      problem = `${hashType} mismatch: sent ${sentHash}, ${dst.name} stored ${dstKnown}`;
    }
  }
  if (problem) {
    await dst.delete(dstPath).catch(() => {});
    if (problem.startsWith('source changed')) {
      throw new RsyncishError('ERR_SOURCE_CHANGED', `${srcEntry.path}: ${problem}`, { hint: 'the file was modified while being copied; run again', exitCode: 5 });
    }
    throw new HashMismatchError(`${srcEntry.path}: ${problem}; the bad copy was removed`);
  }
  return stored;
}

/**
 * A copy the destination makes itself from a compatible source (same storage
 * system). No bytes pass through us, so there is no in-flight hash: the stored
 * size must match, and a mismatch removes the copy as for a streamed transfer.
 */
async function copyWithoutStreaming(req: TransferRequest, stats: Accounting): Promise<Entry | undefined> {
  const { src, dst, srcEntry, dstPath } = req;
  const stored = await dst.copyFrom!(src, srcEntry.path, dstPath, { size: srcEntry.size, modTime: srcEntry.modTime, signal: req.signal });
  if (!stored) return undefined;
  if (srcEntry.size >= 0 && stored.size >= 0 && stored.size !== srcEntry.size) {
    await dst.delete(dstPath).catch(() => {});
    throw new RsyncishError('ERR_SOURCE_CHANGED', `${srcEntry.path}: source changed during transfer: copied ${stored.size} bytes, expected ${srcEntry.size}`, {
      hint: 'the file was modified while being copied; run again', exitCode: 5,
    });
  }
  stats.addBytes(srcEntry.path, Math.max(0, stored.size));
  return stored;
}

/** Told how many bytes just streamed through this process as one chunk. */
export type StreamedBytesObserver = (bytes: number) => void;

let observer: StreamedBytesObserver | undefined;

/**
 * Watch the bytes that stream through this process as chunks (transfers,
 * hashes of remote files): every chunk is a fresh buffer that dies young, and
 * V8 collects such buffers only once 32 MiB of them have piled up, whatever
 * the heap's size. The CLI collects them sooner (tune-heap.ts). One observer;
 * `undefined` removes it.
 */
export function observeStreamedBytes(fn: StreamedBytesObserver | undefined): void {
  observer = fn;
}

/** Report a chunk of `bytes` that passed through. */
export function noteStreamedBytes(bytes: number): void {
  observer?.(bytes);
}

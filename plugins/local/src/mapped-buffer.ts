/** From this size up, a whole-file buffer gets a mapping of its own (mappedBuffer). */
export const OWN_MAPPING_BYTES = 256 * 1024;

/** ES2024's resizable ArrayBuffer constructor (Node 20 has it; TypeScript's ES2023 lib does not). */
const ResizableArrayBuffer = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer;

/**
 * A Buffer of `size` bytes for a file read whole. Big ones come from a
 * mapping of their own rather than from malloc: V8 reserves the memory of an
 * ArrayBuffer that has a maxByteLength straight from the OS, and gives it back
 * when the buffer is collected. glibc's malloc serves such buffers from its
 * heap once one has been freed (it raises its mmap threshold to the biggest
 * block freed), and that heap fragmented and never shrank: uploading 200 files
 * of 1 MiB to the ACD emulator, malloc's main heap grew to 16-28 MiB with 12 in
 * use (malloc_stats), and runs peaked at 86-109 MiB of RSS; with their own
 * mappings, the heap stays at 5-7 MiB. Fresh pages cost page faults, ~1 ms of
 * CPU per MiB on this VM, hence not below OWN_MAPPING_BYTES. Zero-filled, like
 * any new mapping.
 */
export function mappedBuffer(size: number): Buffer {
  if (size < OWN_MAPPING_BYTES) return Buffer.allocUnsafe(size);
  return Buffer.from(new ResizableArrayBuffer(size, { maxByteLength: size }));
}

import { OWN_MAPPING_BYTES } from './io-policy.js';

/** ES2024's resizable ArrayBuffer constructor (Node 20 has it; TypeScript's ES2023 lib does not). */
const ResizableArrayBuffer = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer;

/**
 * A Buffer of `size` bytes for a file read whole. From OWN_MAPPING_BYTES up
 * (why: io-policy.ts) it is an ArrayBuffer with a maxByteLength, whose memory
 * V8 maps straight from the OS and unmaps when it is collected, rather than
 * malloc's. Zero-filled, like any new mapping.
 */
export function mappedBuffer(size: number): Buffer {
  if (size < OWN_MAPPING_BYTES) return Buffer.allocUnsafe(size);
  return Buffer.from(new ResizableArrayBuffer(size, { maxByteLength: size }));
}

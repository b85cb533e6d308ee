export { startGcsEmulator, type GcsEmulator, type GcsEmulatorOptions } from './server.js';
export type { FaultPatch, FaultSettings, EmulatorStats } from './faults.js';
export { crc32cUpdate, crc32cBase64 } from './crc32c.js';

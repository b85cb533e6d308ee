export { startEmulator } from './server.js';
export type { Emulator, EmulatorOptions } from './server.js';
export { EmulatorControl } from './control.js';
export type { IssuedToken } from './control.js';
export { DEFAULT_FAULTS, INJECTABLE } from './faults.js';
export type { FaultPatch, FaultRequest, FaultSettings, InjectedFault, InjectableError } from './faults.js';
export { contentHash, ContentHasher, BLOCK_SIZE } from './content-hash.js';
export { configSection } from './print-config.js';
export type { TokenReply } from './tokens.js';

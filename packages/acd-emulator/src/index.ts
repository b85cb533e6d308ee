export { startEmulator } from './server.js';
export type { Emulator, EmulatorOptions } from './server.js';
export { EmulatorControl } from './control.js';
export type { FaultPatch, IssuedToken, PlantOptions } from './control.js';
export { DEFAULT_FAULTS } from './faults.js';
export type { DownloadWallMode, FaultSettings, InjectedFault } from './faults.js';
export type { LoggedRequest } from './request-log.js';
export type { NodeJson } from './node-json.js';
export type { TokenReply } from './tokens.js';
export { parseDuration, parseSize } from './units.js';
// Durable state files, shared with the other emulators.
export { Journal } from './store/journal.js';
export { StateFile } from './store/state-file.js';
export { syncPath, writeFileDurably } from './store/durable-file.js';
export { parseProbability } from './units.js';

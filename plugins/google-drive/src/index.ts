export { driveBackend } from './definition.js';
export { createDriveBackend, setupDrive } from './open-drive.js';
export { DriveBackend } from './backend.js';
export { DRIVE_OPTIONS, readDriveOptions, driveScopes, type DriveOptions } from './options.js';
export { driveCapabilities } from './capabilities.js';

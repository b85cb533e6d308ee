export { dropboxBackend } from './definition.js';
export { createDropboxBackend, setupDropbox } from './open-dropbox.js';
export { DropboxBackend } from './backend.js';
export { DROPBOX_OPTIONS, readDropboxOptions, type DropboxOptions } from './options.js';
export { dropboxCapabilities } from './capabilities.js';
export { DROPBOX_SCOPES } from './scopes.js';
export { DropboxRefusedError } from './errors.js';
export { apiArgHeader } from './api/api-arg.js';

export { localBackend } from './definition.js';
export { LocalBackend, DEFAULT_LOCAL_OPTIONS, type LocalBackendInit } from './local-backend.js';
export { LOCAL_OPTIONS, readLocalOptions, type LocalOptions } from './options.js';
export { localCapabilities } from './capabilities.js';
export {
  BrokenSymlinkError,
  DirectoryNotEmptyError,
  IsADirectoryError,
  NotADirectoryError,
  PermissionDeniedError,
  SourceChangedError,
} from './errors.js';

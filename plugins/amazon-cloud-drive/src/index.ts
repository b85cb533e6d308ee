export { acdBackend } from './definition.js';
export { createAcdBackend, setupAcd } from './open-acd.js';
export { ACD_SCOPES } from './scopes.js';
export { AcdBackend } from './backend.js';
export { ACD_OPTIONS, readAcdOptions, type AcdOptions } from './options.js';
export { acdCapabilities, ACD_SIZE_WARNING } from './capabilities.js';
export { escapeFilterValue } from './filter-value.js';
export { DEFAULT_INTERNALS, type AcdInternals } from './internals.js';
export { DirectoryNotEmptyError, IsADirectoryError, NotADirectoryError, AcdConsistencyError } from './errors.js';

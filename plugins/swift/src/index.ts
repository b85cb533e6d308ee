export { swiftBackend } from './definition.js';
export { SWIFT_OPTIONS, readSwiftOptions, type SwiftOptions } from './options.js';
export { formatMtime, parseMtime } from './metadata.js';

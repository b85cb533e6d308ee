export { parseSize, formatSize } from './size.js';
export { parseDuration, parseDurationNs, formatDuration } from './duration.js';

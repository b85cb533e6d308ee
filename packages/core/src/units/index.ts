export { parseSize, formatSize } from './size.js';
export { parseDuration, formatDuration } from './duration.js';

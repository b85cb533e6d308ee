export * from './location.js';
export * from './capabilities.js';
export * from './listed-name.js';
export * from './unless-gone.js';
export * from './recursive-listing.js';
export * from './part-reader.js';

// The types of dist/bundle.cjs, which package.json names as main: the bundle
// is CommonJS, so its declarations are too (.d.cts); they are tsc's.
export * from './dist/index.js';

export { __TYPE__Backend } from './definition.js';
export { __TYPE__Capabilities } from './capabilities.js';
export { __TYPE__Options } from './options.js';

export { main } from './main.js';
export { scaffold, type ScaffoldResult } from './scaffold.js';
export { backendNames, type BackendNames } from './backend-names.js';
export { ScaffoldError } from './scaffold-error.js';

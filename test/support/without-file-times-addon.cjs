'use strict';
// Preloaded (NODE_OPTIONS=--require) into an rsyncish process to run it as on
// a machine where @rsyncish/file-times-native did not build: loading the
// compiled addon fails as it does when the file is not there, so the package
// reports available: false and the local backend falls back to fs.utimes.
const Module = require('node:module');

const load = Module._load;
Module._load = function loadWithoutFileTimes(request, parent, isMain) {
  if (/file_times\.node$/.test(request)) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return load.call(this, request, parent, isMain);
};

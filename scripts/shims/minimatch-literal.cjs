// Stands in for minimatch in the CLI bundle (scripts/bundles.cjs, `substitute`).
// oclif matches every dependency of the CLI against every entry of its
// `oclif.plugins` list with minimatch at each start: with a dozen of each,
// about a hundred calls and 9 ms, most of it compiling minimatch's parser for
// names that hold no glob at all. A package name matched against a package
// name without a glob character matches exactly itself, so that answer comes
// first; anything else, or a call with options, goes to minimatch itself.
// test/minimatch-literal.test.mjs checks the two agree.
'use strict';
// The substitution skips this file, so this is minimatch itself.
const real = require('minimatch');

/** Characters that can make a pattern more than a literal name (globs, classes, braces, extglobs, negation, comments, escapes). */
const MAGIC = /[*?[\]{}()!+@\\#]/;

/** A package name, scoped or not: one path segment, or @scope/ and one, no backslash; minimatch's slash rules (a//b is a/b; backslashes on Windows) never come in. */
const NAME = /^(?:@[^/\\]+\/)?[^/\\.][^/\\]*$/;

function minimatch(path, pattern, options) {
  const literal = options === undefined && typeof path === 'string' && typeof pattern === 'string' && NAME.test(path) && NAME.test(pattern) && !hasMagic(pattern);
  return literal ? path === pattern : real.minimatch(path, pattern, options);
}

/** A scoped package name's leading @ is no glob; an @ before ( is an extglob, which MAGIC finds by its (. */
function hasMagic(pattern) {
  return MAGIC.test(pattern.startsWith('@') ? pattern.slice(1) : pattern);
}

module.exports = { ...real, minimatch, default: minimatch };

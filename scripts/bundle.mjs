#!/usr/bin/env node
// Bundles a package's compiled entry (tsc's dist/) into one CommonJS file
// beside it, so a start-up reads and compiles a few files instead of hundreds:
// Node's loader spent most of rsyncish's start resolving and compiling
// @oclif/core, core and their dependencies file by file (docs/performance.md).
// CommonJS, as the bin is: Node's ES module loader costs a start more.
//
//   node ../../scripts/bundle.mjs <package>      (from its build script)
//
// Each bundle keeps its shared packages external, so the process holds one
// copy of each: @rsyncish/core is one module for the CLI, the built-in
// backends and installed plugins alike (errors are matched by class,
// tsyringe's container is core's), and oclif still loads plugins by path.
// What a module imports dynamically (undici's agent, mime-types, a backend's
// implementation) stays in the file; V8 compiles a function only when it
// first runs, so code a command never calls costs it little.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import tables from './bundles.cjs';

const { BUNDLES, repo } = tables;

/** Never worth carrying: what oclif would only load to transpile TypeScript. */
const ALWAYS_EXTERNAL = ['typescript', 'ts-node', 'tsx'];

/** What earlier builds wrote: ES module bundles and their chunks. */
const OLD_OUTPUTS = ['bundle.js', 'backends.bundle.js', 'chunks'];

/** A bundled ES module may read import.meta.url: in CommonJS it is the bundle's own URL, as it was in the ES module bundle. */
const IMPORT_META_URL = '__rsyncishImportMetaUrl';
const BANNER = `var ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`;

/**
 * Build bundle `name` and write it in place. Paths in the output are relative
 * to the repository (absWorkingDir), so the bytes do not depend on the
 * directory the build ran from or where the checkout lives.
 */
export async function bundle(name) {
  const outfile = bundleOutfile(name);
  const text = await bundleText(name);
  // Written whole, then renamed: a CLI started meanwhile (tests run many)
  // loads the old bundle or the new one.
  mkdirSync(dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, outfile);
  for (const old of OLD_OUTPUTS) rmSync(join(dirname(outfile), old), { recursive: true, force: true });
  return outfile;
}

function bundleOutfile(name) {
  const spec = BUNDLES[name];
  if (!spec) throw new Error(`no bundle named ${name}; known: ${Object.keys(BUNDLES).join(', ')}`);
  return join(repo, spec.dir, spec.out);
}

/** What bundle() would write for `name`, without writing it. */
export async function bundleText(name) {
  const outfile = bundleOutfile(name);
  const spec = BUNDLES[name];
  const { build } = await import('esbuild');
  const dir = join(repo, spec.dir);
  const result = await build({
    absWorkingDir: repo,
    entryPoints: [join(dir, spec.entry)],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...ALWAYS_EXTERNAL, ...spec.external],
    banner: { js: BANNER },
    define: { 'import.meta.url': IMPORT_META_URL, ...spec.define },
    // Whitespace only: names stay readable in a stack trace (-vv).
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: bundle.mjs <package>   (one of: ' + Object.keys(BUNDLES).join(', ') + ')');
    process.exit(2);
  }
  await bundle(name);
}

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
// A module named in a bundle's `lazy` list (a backend's implementation,
// core's HTTP client) gets a bundle of its own, required on its first
// dynamic import: every start reads and parses what is in the main bundle,
// used or not. Other dynamic imports stay in the file.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import tables from './bundles.cjs';

const { BUNDLES, repo, lazyOutOf } = tables;

/** Never worth carrying: what oclif would only load to transpile TypeScript. */
const ALWAYS_EXTERNAL = ['typescript', 'ts-node', 'tsx'];

/** What earlier builds wrote: ES module bundles and their chunks. */
const OLD_OUTPUTS = ['bundle.js', 'backends.bundle.js', 'chunks'];

/** A bundled ES module may read import.meta.url: in CommonJS it is the bundle's own URL, as it was in the ES module bundle. */
const IMPORT_META_URL = '__rsyncishImportMetaUrl';
const BANNER = `var ${IMPORT_META_URL} = require('node:url').pathToFileURL(__filename).href;`;

/**
 * Build bundle `name` (and its lazy modules' bundles) and write them in
 * place. Paths in the output are relative to the repository (absWorkingDir),
 * so the bytes do not depend on the directory the build ran from or where
 * the checkout lives.
 */
export async function bundle(name) {
  const files = await bundleFiles(name);
  for (const { file, text } of files) {
    // Written whole, then renamed: a CLI started meanwhile (tests run many)
    // loads the old bundle or the new one.
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  }
  const outfile = files[0].file;
  for (const old of OLD_OUTPUTS) rmSync(join(dirname(outfile), old), { recursive: true, force: true });
  return outfile;
}

/** What bundle() would write for `name`, without writing it: one text, the main bundle's and then each lazy one's. */
export async function bundleText(name) {
  return (await bundleFiles(name)).map(({ text }) => text).join('\n');
}

/** Each file bundle `name` writes, the main bundle first, with its text. */
async function bundleFiles(name) {
  const spec = BUNDLES[name];
  if (!spec) throw new Error(`no bundle named ${name}; known: ${Object.keys(BUNDLES).join(', ')}`);
  const dir = join(repo, spec.dir);
  const lazy = (spec.lazy ?? []).map((entry) => ({ source: join(dir, entry), file: join(dir, lazyOutOf(entry)) }));
  const builds = [{ source: join(dir, spec.entry), file: join(dir, spec.out) }, ...lazy];
  return Promise.all(builds.map(async ({ source, file }) => ({ file, text: await build(spec, source, file, lazy) })));
}

async function build(spec, source, outfile, lazy) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: repo,
    entryPoints: [source],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...ALWAYS_EXTERNAL, ...spec.external],
    banner: { js: BANNER },
    define: { 'import.meta.url': IMPORT_META_URL, ...spec.define },
    plugins: [lazyModules(outfile, lazy.filter((l) => l.source !== source)), substitutes(spec.substitute ?? {})],
    // A lazy module's import() becomes a require(): esbuild would keep an
    // import() of an external file, and Node's ES module loader then reads
    // the CommonJS bundle through its export scanner, ~20 ms at start.
    ...(lazy.length > 0 && { supported: { 'dynamic-import': false } }),
    // Whitespace only: names stay readable in a stack trace (-vv).
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Imports of a package name resolve to a file of the repository instead, except from that file itself. */
function substitutes(table) {
  const names = Object.keys(table);
  return {
    name: 'substitutes',
    setup(b) {
      if (names.length === 0) return;
      const filter = new RegExp(`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, (args) => {
        const file = join(repo, table[args.path]);
        return args.importer === file ? undefined : { path: file };
      });
    },
  };
}

/** An import of a lazy module becomes a require of its bundle, by a path relative to `outfile`. */
function lazyModules(outfile, lazy) {
  return {
    name: 'lazy-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        const hit = lazy.find((l) => l.source === target);
        if (!hit) return undefined;
        const path = relative(dirname(outfile), hit.file).split('\\').join('/');
        return { path: path.startsWith('../') ? path : `./${path}`, external: true };
      });
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: bundle.mjs <package>   (one of: ' + Object.keys(BUNDLES).join(', ') + ')');
    process.exit(2);
  }
  await bundle(name);
}

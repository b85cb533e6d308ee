#!/usr/bin/env node
// Bundles a package's compiled entry (tsc's dist/) into one ES module beside
// it (plus chunks for what it imports lazily), so a start-up reads and
// compiles a few files instead of hundreds: Node's loader spent most of
// rsyncish's start resolving and compiling @oclif/core, core and their
// dependencies file by file (docs/performance.md).
//
//   node ../../scripts/bundle.mjs <package>      (from its build script)
//
// Each bundle keeps its shared packages external, so the process holds one
// copy of each: @rsyncish/core is one module for the CLI, the built-in
// backends and installed plugins alike (errors are matched by class,
// tsyringe's container is core's), and oclif still loads plugins by path.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import tables from './bundles.cjs';

const { BUNDLES, repo } = tables;

/**
 * Never worth carrying: what oclif would only load to transpile TypeScript.
 * (undici is bundled into a chunk of core's, loaded on the first request:
 * ~70 ms, where its own ~170 files took ~170.)
 */
const ALWAYS_EXTERNAL = ['typescript', 'ts-node', 'tsx'];

/** Where a bundle's chunks go, beside its entry. */
const CHUNKS = 'chunks';

/** ESM has no require or __dirname; bundled CommonJS (oclif, semver) needs both. */
const BANNER = [
  "import { createRequire as __rsyncishCreateRequire } from 'node:module';",
  "import { dirname as __rsyncishDirname } from 'node:path';",
  "import { fileURLToPath as __rsyncishFileURLToPath } from 'node:url';",
  'const require = __rsyncishCreateRequire(import.meta.url);',
  'const __filename = __rsyncishFileURLToPath(import.meta.url);',
  'const __dirname = __rsyncishDirname(__filename);',
].join('\n');

export async function bundle(name) {
  const spec = BUNDLES[name];
  if (!spec) throw new Error(`no bundle named ${name}; known: ${Object.keys(BUNDLES).join(', ')}`);
  const { build } = await import('esbuild');
  const dir = join(repo, spec.dir);
  const outfile = join(dir, spec.out);
  const outdir = dirname(outfile);
  const result = await build({
    entryPoints: { [basename(outfile, '.js')]: join(dir, spec.entry) },
    outdir,
    // What a module imports dynamically becomes a chunk of its own, loaded
    // when first imported: undici in core (~70 ms, the first request only),
    // a backend's implementation behind its definition.
    splitting: spec.split ?? true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...ALWAYS_EXTERNAL, ...spec.external],
    banner: { js: BANNER },
    define: spec.define ?? {},
    // Whitespace only: names stay readable in a stack trace (-vv).
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Chunks first, the entry last, each written whole and then renamed: a CLI
  // started meanwhile (tests run many) loads the old entry or the new one.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path === outfile) - Number(b.path === outfile));
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  const current = new Set(files.map((file) => file.path));
  const chunkDir = join(outdir, CHUNKS);
  for (const old of existsSync(chunkDir) ? readdirSync(chunkDir) : []) {
    if (!current.has(join(chunkDir, old))) rmSync(join(chunkDir, old), { force: true });
  }
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: bundle.mjs <package>   (one of: ' + Object.keys(BUNDLES).join(', ') + ')');
    process.exit(2);
  }
  await bundle(name);
}

import type { BackendNames } from './backend-names.js';
import { DEPENDENCY_RANGES as V } from './dependency-ranges.js';

/**
 * The generated package.json, as docs/writing-a-backend.md explains it:
 * core is a peer (the CLI that loads the plugin provides its own) and a dev
 * dependency to build and test against; the tarball holds dist/ without tests.
 */
export function pluginManifest(names: BackendNames): Record<string, unknown> {
  return {
    name: names.packageName,
    version: '0.1.0',
    description: `rsyncish backend: ${names.type}`,
    type: 'module',
    license: 'MIT',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', '!dist/**/*.test.*', '!dist/testing'],
    keywords: ['rsyncish-plugin', 'oclif-plugin'],
    scripts: {
      build: 'tsc -b',
      // --expose-gc lets the conformance suite measure memory while a large file streams.
      test: 'tsc -b && node --expose-gc --test dist/',
      prepublishOnly: 'npm test',
    },
    oclif: {
      hooks: { 'rsyncish:backends': './dist/hooks/backends.js' },
    },
    peerDependencies: { '@rsyncish/core': V['@rsyncish/core'] },
    devDependencies: {
      '@rsyncish/core': V['@rsyncish/core'],
      '@rsyncish/testkit': V['@rsyncish/testkit'],
      '@types/node': V['@types/node'],
      typescript: V.typescript,
    },
  };
}

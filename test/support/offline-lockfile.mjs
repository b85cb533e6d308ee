// A package-lock.json for a project outside this repository (a generated
// plugin) whose dependencies are this repository's own packages, packed as
// tarballs, plus registry packages this repository also uses. Each registry
// package is pinned as the repository's lockfile pins it, so `npm install
// --offline` needs only the tarballs that the repository's `npm ci` put in npm's
// cache. Without a lockfile npm would also need each package's registry
// metadata, which `npm ci` never fetches, so a fresh machine would not have it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers.mjs';

const FIELDS = ['version', 'resolved', 'integrity', 'license', 'dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines'];

/**
 * projectDir: where package.json and the lockfile go.
 * manifest: that package.json, its @rsyncish dependencies already `file:` specs.
 * local: { name: { tarball, manifest } } for each packed package of this repository.
 * Throws naming a dependency this repository's lockfile does not pin.
 */
export function offlineLockfile(projectDir, manifest, local) {
  const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')).packages;
  const packages = {
    '': pick(manifest, ['name', 'version', 'dependencies', 'devDependencies', 'peerDependencies']),
  };
  const wanted = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
  const queue = wanted.map((name) => name);
  while (queue.length > 0) {
    const name = queue.shift();
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    let entry;
    if (local[name]) {
      const { tarball, manifest: m } = local[name];
      entry = {
        version: m.version,
        resolved: `file:${relative(projectDir, tarball)}`,
        integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
        ...pick(m, ['license', 'dependencies', 'peerDependencies']),
      };
    } else {
      const pinned = repoLock[key];
      if (!pinned) throw new Error(`${name} is not in this repository's package-lock.json, so its tarball may not be in npm's cache`);
      entry = pick(pinned, FIELDS);
      // A dependency nested under this one in the repository (another major of tslib) comes along at the same place.
      for (const [path, nested] of Object.entries(repoLock)) {
        if (path.startsWith(`${key}/node_modules/`)) packages[path] = { ...pick(nested, FIELDS), dev: true };
      }
    }
    packages[key] = { ...entry, dev: true };
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) {
      if (!packages[`${key}/node_modules/${dep}`]) queue.push(dep);
    }
  }
  return { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages };
}

function pick(object, fields) {
  return Object.fromEntries(fields.filter((f) => object[f] !== undefined).map((f) => [f, object[f]]));
}

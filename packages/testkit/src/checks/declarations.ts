import { BackendRegistry, capabilitiesOf } from '@rsyncish/core';
import { capabilitiesBeyond } from '../capabilities-beyond.js';
import type { Kit } from '../kit.js';
import { broken } from '../violation.js';

/** Capability flags that only state whether the backend implements a method (see capabilitiesOf). */
const STATED_METHODS = [
  ['listRecursive', 'listRecursive'],
  ['serverSideCopy', 'copyFrom'],
  ['serverSideMove', 'moveFrom'],
] as const;

/** Declarations the engine and `rsyncish backends` read without calling the backend. */
export function registerDeclarations(kit: Kit): void {
  kit.check('capabilities', 'declared capabilities are well-formed', async () => {
    const caps = kit.caps;
    const { maxFileSize } = caps;
    if (maxFileSize !== undefined && !(Number.isFinite(maxFileSize) && maxFileSize > 0)) {
      broken(`declares maxFileSize ${maxFileSize}; it must be a positive number of bytes`);
    }
    if (!Array.isArray(caps.hashes)) broken('declares hashes that are not a list');
    if (caps.hashesOnPut !== undefined) {
      if (!Array.isArray(caps.hashesOnPut)) broken('declares hashesOnPut that is not a list');
      const unknown = caps.hashesOnPut.filter((h) => !caps.hashes.includes(h));
      if (unknown.length > 0) broken(`declares hashesOnPut ${unknown.join(', ')}, which hashes does not list`);
    }
    for (const flag of ['caseInsensitive', 'deleteIsTrash', 'emptyDirs'] as const) {
      if (typeof caps[flag] !== 'boolean') broken(`declares ${flag} as ${String(caps[flag])}; it must be true or false`);
    }
    // Flags that state a method's presence (for `rsyncish backends`) must not contradict it.
    for (const [flag, method] of STATED_METHODS) {
      const has = typeof kit.backend[method] === 'function';
      if (caps[flag] !== undefined && caps[flag] !== has) broken(`declares ${flag} ${String(caps[flag])} but ${has ? 'implements' : 'has no'} ${method}()`);
    }
  });

  const def = kit.options.definition;
  if (!def) return;
  kit.check('definition', 'the definition is accepted by the registry and bounds the remote', async () => {
    const registry = new BackendRegistry();
    const problem = registry.add(def, kit.options.name);
    if (problem) broken(`the registry refuses the definition: ${problem.reason}`);
    for (const o of def.options) {
      if (!/^[a-z][a-z0-9_]*$/.test(o.name)) broken(`option ${JSON.stringify(o.name)} is not snake_case as config files spell options`);
      if (!['string', 'bool', 'int', 'size', 'duration'].includes(o.type)) broken(`option ${o.name} has unknown type ${JSON.stringify(o.type)}`);
    }
    // What the backend implements counts, not what it declares (capabilitiesOf).
    const opened = capabilitiesOf(kit.backend);
    // As registered: a version 1 definition is compared as the compatibility layer shows it.
    const declared = { ...registry.get(def.type)!.capabilities };
    for (const [flag] of STATED_METHODS) declared[flag] = declared[flag] ?? false;
    const beyond = capabilitiesBeyond(opened, declared);
    if (beyond.length > 0) {
      broken(`the opened remote claims ${beyond.join(', ')}, beyond its definition's capabilities; a remote may do less than its type, never more, or rsyncish backends would understate the type`);
    }
  });
}

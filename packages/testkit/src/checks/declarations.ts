import { BackendRegistry, capabilitiesOf } from '@rsyncish/core';
import { capabilitiesBeyond } from '../capabilities-beyond.js';
import type { Kit } from '../kit.js';
import { broken } from '../violation.js';

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
    const lists = typeof kit.backend.listRecursive === 'function';
    if (caps.listRecursive !== undefined && caps.listRecursive !== lists) {
      broken(`declares listRecursive ${String(caps.listRecursive)} but ${lists ? 'implements' : 'has no'} listRecursive()`);
    }
  });

  const def = kit.options.definition;
  if (!def) return;
  kit.check('definition', 'the definition is accepted by the registry and bounds the remote', async () => {
    const problem = new BackendRegistry().add(def, kit.options.name);
    if (problem) broken(`the registry refuses the definition: ${problem.reason}`);
    for (const o of def.options) {
      if (!/^[a-z][a-z0-9_]*$/.test(o.name)) broken(`option ${JSON.stringify(o.name)} is not snake_case as config files spell options`);
      if (!['string', 'bool', 'int', 'size', 'duration'].includes(o.type)) broken(`option ${o.name} has unknown type ${JSON.stringify(o.type)}`);
    }
    // What the backend implements counts, not what it declares (capabilitiesOf).
    const opened = capabilitiesOf(kit.backend);
    const beyond = capabilitiesBeyond(opened, { ...def.capabilities, listRecursive: def.capabilities.listRecursive ?? false });
    if (beyond.length > 0) {
      broken(`the opened remote claims ${beyond.join(', ')}, beyond its definition's capabilities; a remote may do less than its type, never more, or rsyncish backends would understate the type`);
    }
  });
}

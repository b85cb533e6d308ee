import { formatDuration, formatSize, optionEnvName, optionFlagName, type BackendRegistry, type Capabilities, type OptionSpec } from '@rsyncish/core';

export interface DescribedBackend {
  type: string;
  /** Other `type =` values that name it (rclone's name, where ours differs). */
  aliases: string[];
  description: string;
  plugin: string;
  capabilities: Capabilities;
  options: (OptionSpec & { flag: string; env: string })[];
}

export function describeBackends(registry: BackendRegistry): DescribedBackend[] {
  return registry.all().map((def) => ({
    type: def.type,
    aliases: def.aliases ?? [],
    description: def.description,
    plugin: registry.pluginOf(def.type) ?? '',
    capabilities: def.capabilities,
    options: def.options.map((o) => ({ ...o, flag: `--${optionFlagName(def.type, o.name)}`, env: optionEnvName(def.type, o.name) })),
  }));
}

const yes = (b: boolean | undefined) => (b ? 'yes' : 'no');

export function backendsText(backends: DescribedBackend[]): string {
  return backends.map((b) => {
    const c = b.capabilities;
    const lines = [
      `${b.type}: ${b.description} (from ${b.plugin})`,
      ...(b.aliases.length > 0 ? [`  also type:         ${b.aliases.map((a) => JSON.stringify(a)).join(', ')} (rclone's name)`] : []),
      `  hashes:            ${c.hashes.length > 0 ? c.hashes.join(', ') : 'none'}`,
      `  modtime:           read ${yes(c.modTime.read)}, write ${yes(c.modTime.write)}, precision ${precisionText(c.modTime.precisionMs)}`,
      `  case insensitive:  ${yes(c.caseInsensitive)}`,
      `  NFC/NFD one name:  ${yes(c.normalizationInsensitive)}`,
      `  name encoding:     ${c.nameEncoding ?? 'none (names stored as given)'}`,
      `  delete is trash:   ${yes(c.deleteIsTrash)}`,
      `  max file size:     ${c.maxFileSize === undefined ? 'none' : formatSize(c.maxFileSize)}`,
      `  empty dirs:        ${yes(c.emptyDirs)}`,
      `  server-side copy:  ${yes(c.serverSideCopy)}`,
      `  server-side move:  ${yes(c.serverSideMove)}`,
      `  fast list:         ${yes(c.listRecursive)}`,
      `  options:${b.options.length === 0 ? ' none' : ''}`,
    ];
    for (const o of b.options) {
      const marks = [o.password ? 'password, obscured' : o.secret && 'secret', o.advanced && 'advanced', o.required && 'required'].filter(Boolean).join(', ');
      lines.push(`    ${o.name} (${o.type}${o.default !== undefined && o.default !== '' ? `, default ${o.default}` : ''}${marks ? `; ${marks}` : ''})`);
      lines.push(`      ${o.help}`);
      if (o.exclusive && o.examples?.length) lines.push(`      one of: ${o.examples.map((e) => e.value).join(', ')}`);
      lines.push(`      flag ${o.flag}, env ${o.env}`);
    }
    return lines.join('\n');
  }).join('\n\n');
}

/** A precision as rclone prints a duration: 1ns, 1µs, 1ms, 1s. */
function precisionText(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns < 1000) return `${ns}ns`;
  if (ns < 1_000_000) return `${ns / 1000}µs`;
  return formatDuration(ms);
}

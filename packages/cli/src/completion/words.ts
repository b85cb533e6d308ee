import type { Config } from '@oclif/core';
import { GLOBAL_FLAGS_HOST, isGlobalFlag, leadingFlags } from '../help/leading-flags.js';

/** One flag as a completion script offers it. */
export interface CompletionFlag {
  name: string;
  char?: string;
  takesValue: boolean;
  description: string;
}

/** What every shell's script is made of: the commands, each with its own flags, and the global flags. */
export interface CompletionWords {
  bin: string;
  /** Ids with spaces (`config create`), sorted; `help` included. */
  commands: { id: string; summary: string; flags: CompletionFlag[] }[];
  global: CompletionFlag[];
}

/**
 * The words are taken from oclif's command table (its manifest) when the
 * script is written; remote names are not, because they change: each script
 * asks `<bin> listremotes` for them at completion time.
 */
export function completionWords(config: Config): CompletionWords {
  const commands = config.commands
    .filter((c) => !c.hidden)
    .map((c) => ({
      id: c.id.replace(/:/g, ' '),
      summary: oneLine(c.summary ?? c.description ?? '').replace(/<%= config\.bin %>/g, config.bin),
      flags: Object.entries(c.flags ?? {})
        .filter(([name, f]) => !isGlobalFlag(name) && !f.hidden)
        .map(([name, f]) => ({ name, char: f.char, takesValue: f.type === 'option', description: oneLine(f.summary ?? f.description ?? '') })),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const host = config.findCommand(GLOBAL_FLAGS_HOST);
  const global = leadingFlags().map((f) => ({ ...f, description: oneLine(host?.flags[f.name]?.description ?? (f.name === 'help' ? 'Show help.' : '')) }));
  return { bin: config.bin, commands, global };
}

/** Every spelling of a flag that takes a value (`--config`, `-f`): a script skips the word after it. */
export function valuedFlags(w: CompletionWords): string[] {
  const flags = [...w.global, ...w.commands.flatMap((c) => c.flags)].filter((f) => f.takesValue);
  return [...new Set(flags.flatMap((f) => [`--${f.name}`, ...(f.char ? [`-${f.char}`] : [])]))];
}

/** Sub-commands by their first word: config -> create, delete, ... */
export function subCommands(w: CompletionWords): Map<string, { name: string; summary: string }[]> {
  const subs = new Map<string, { name: string; summary: string }[]>();
  for (const c of w.commands) {
    const [top, name] = c.id.split(' ');
    if (name !== undefined) subs.set(top, [...(subs.get(top) ?? []), { name, summary: c.summary }]);
  }
  return subs;
}

function oneLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

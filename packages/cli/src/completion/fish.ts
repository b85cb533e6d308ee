import type { CompletionFlag, CompletionWords } from './words.js';

const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * fish completions: commands and sub-commands, global flags anywhere, each
 * command's flags after it, remote names from `<bin> listremotes` (with the
 * line's --config) and files for the arguments.
 */
export function fishScript(w: CompletionWords): string {
  const b = w.bin;
  const tops = w.commands.filter((c) => !c.id.includes(' '));
  const flag = (f: CompletionFlag, condition?: string) =>
    [`complete -c ${b}`, condition ? `-n ${quoted(condition)}` : '', `-l ${f.name}`, f.char ? `-s ${f.char}` : '', f.takesValue ? '-r' : '', `-d ${quoted(f.description)}`]
      .filter((p) => p !== '')
      .join(' ');
  const lines = [
    `# fish completion for ${b}. Load it with:`,
    `#   ${b} completion fish | source`,
    `# or write it to ~/.config/fish/completions/${b}.fish.`,
    `function __${b}_remotes`,
    `    set -l tokens (commandline -opc)`,
    `    set -l config`,
    `    for i in (seq (count $tokens))`,
    `        switch $tokens[$i]`,
    `            case --config`,
    `                set config --config $tokens[(math $i + 1)]`,
    `            case '--config=*'`,
    `                set config $tokens[$i]`,
    `        end`,
    `    end`,
    `    ${b} listremotes $config 2>/dev/null`,
    'end',
    `complete -c ${b} -f`,
    ...tops.map((c) => `complete -c ${b} -n '__fish_use_subcommand' -a ${c.id} -d ${quoted(c.summary)}`),
    ...w.commands
      .filter((c) => c.id.includes(' '))
      .map((c) => {
        const [top, sub] = c.id.split(' ');
        return `complete -c ${b} -n '__fish_seen_subcommand_from ${top}' -a ${sub} -d ${quoted(c.summary)}`;
      }),
    ...w.global.map((f) => flag(f)),
    ...w.commands.flatMap((c) => c.flags.map((f) => flag(f, `__fish_seen_subcommand_from ${c.id.split(' ').at(-1)}`))),
    `complete -c ${b} -n 'not __fish_use_subcommand' -a '(__${b}_remotes)' -d remote`,
    `complete -c ${b} -n 'not __fish_use_subcommand' -F`,
  ];
  return `${lines.join('\n')}\n`;
}

import { subCommands, valuedFlags, type CompletionFlag, type CompletionWords } from './words.js';

/** zsh's `name:description` form, with the characters _describe reads specially escaped. */
const described = (name: string, text: string) => `'${`${name.replace(/:/g, '\\:')}:${text}`.replace(/'/g, "'\\''")}'`;

/**
 * A zsh completion function: the same words as bash's script (commands and
 * sub-commands, global and per-command flags, remote names from
 * `<bin> listremotes`, then files), with descriptions.
 */
export function zshScript(w: CompletionWords): string {
  const fn = `_${w.bin.replace(/\W/g, '_')}`;
  const flagList = (flags: CompletionFlag[]) => flags.map((f) => described(`--${f.name}`, f.description)).join(' ');
  const tops = w.commands.filter((c) => !c.id.includes(' ')).map((c) => described(c.id, c.summary));
  const ownCases = w.commands.filter((c) => c.flags.length > 0).map((c) => `    '${c.id}') own=(${flagList(c.flags)}) ;;`).join('\n');
  const subCases = [...subCommands(w)].map(([top, list]) => `    ${top}) subs=(${list.map((s) => described(s.name, s.summary)).join(' ')}) ;;`).join('\n');
  return `#compdef ${w.bin}
# zsh completion for ${w.bin}. Load it with:
#   source <(${w.bin} completion zsh)
# or write it as _${w.bin} into a directory on $fpath.
${fn}() {
  local -a valued own subs remotes
  valued=(${valuedFlags(w).join(' ')})
  local cmd='' config='' i=2 w
  while (( i < CURRENT )); do
    w=\${words[i]}
    if [[ $w == --config ]]; then config=\${words[i+1]}; (( i += 2 )); continue; fi
    if [[ $w == --config=* ]]; then config=\${w#--config=}; (( i++ )); continue; fi
    if (( \${valued[(Ie)$w]} )); then (( i += 2 )); continue; fi
    if [[ $w != -* ]]; then
      if [[ -z $cmd ]]; then cmd=$w
      elif [[ $cmd != *' '* && -n \${\${(M)\${(f)"$(${fn}_subs $cmd)"}:#$w:*}} ]]; then cmd="$cmd $w"
      else break; fi
    fi
    (( i++ ))
  done
  if [[ $PREFIX == -* ]]; then
    case $cmd in
${ownCases}
    esac
    local -a global
    global=(${flagList(w.global)})
    _describe -t flags 'flag' global
    (( \${#own} )) && _describe -t flags 'command flag' own
    return
  fi
  if [[ -z $cmd ]]; then
    local -a commands
    commands=(${tops.join(' ')})
    _describe -t commands 'command' commands
    return
  fi
  subs=(\${(f)"$(${fn}_subs $cmd)"})
  (( \${#subs} )) && _describe -t commands 'sub-command' subs
  if [[ $PREFIX != *:* ]]; then
    remotes=(\${(f)"$(${w.bin} listremotes \${config:+--config} \${config:+$config} 2>/dev/null)"})
    (( \${#remotes} )) && compadd -S '' -- $remotes
  fi
  _files
}
${fn}_subs() {
  local -a subs
  case $1 in
${subCases}
  esac
  print -l -- $subs
}
# Autoloaded from $fpath, this file is the body of ${fn}: complete now. Sourced, register it.
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${w.bin}
fi
`;
}

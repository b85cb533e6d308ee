import { subCommands, valuedFlags, type CompletionWords } from './words.js';

/**
 * A bash completion function: commands (and sub-commands such as
 * `config create`), global flags anywhere, each command's own flags after it,
 * and remote names from `<bin> listremotes` (with the line's --config) next
 * to file names for the arguments. Bash splits words at `:`, so the word
 * being completed is read from COMP_LINE instead of COMP_WORDS.
 */
export function bashScript(w: CompletionWords): string {
  const fn = `_${w.bin.replace(/\W/g, '_')}_complete`;
  const tops = [...new Set(w.commands.map((c) => c.id.split(' ')[0]))];
  const longs = (flags: CompletionWords['global']) => flags.flatMap((f) => [`--${f.name}`, ...(f.char ? [`-${f.char}`] : [])]).join(' ');
  const ownFlags = w.commands
    .filter((c) => c.flags.length > 0)
    .map((c) => `    '${c.id}') own='${longs(c.flags)}' ;;`)
    .join('\n');
  const subCases = [...subCommands(w)].map(([top, list]) => `    ${top}) subs='${list.map((s) => s.name).join(' ')}' ;;`).join('\n');
  return `# bash completion for ${w.bin}. Load it with:
#   source <(${w.bin} completion bash)
# or write it to a file in ~/.local/share/bash-completion/completions/${w.bin}.
${fn}() {
  local line=\${COMP_LINE:0:COMP_POINT}
  local cur=\${line##*[[:space:]]}
  local -a words
  read -r -a words <<< "\${line:0:\${#line}-\${#cur}}"
  local valued=' ${valuedFlags(w).join(' ')} '
  local cmd='' config='' i=1 w
  while (( i < \${#words[@]} )); do
    w=\${words[i]}
    if [[ $w == --config ]]; then config=\${words[i+1]}; (( i += 2 )); continue; fi
    if [[ $w == --config=* ]]; then config=\${w#--config=}; (( i++ )); continue; fi
    if [[ $valued == *" $w "* ]]; then (( i += 2 )); continue; fi
    if [[ $w != -* ]]; then
      if [[ -z $cmd ]]; then cmd=$w
      elif [[ " $(${fn}_subs "$cmd") " == *" $w "* ]]; then cmd="$cmd $w"
      else break; fi
    fi
    (( i++ ))
  done
  COMPREPLY=()
  if [[ $cur == -* ]]; then
    local own=''
    case $cmd in
${ownFlags}
    esac
    COMPREPLY=($(compgen -W '${longs(w.global)} '"$own" -- "$cur"))
    return
  fi
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W '${tops.join(' ')}' -- "$cur"))
    return
  fi
  local subs
  subs=$(${fn}_subs "$cmd")
  if [[ -n $subs ]]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  fi
  if [[ $cur != *:* ]]; then
    local remotes
    remotes=$(${w.bin} listremotes \${config:+--config "$config"} 2>/dev/null)
    COMPREPLY+=($(compgen -W "$remotes" -- "$cur"))
    # A remote name ends in ":", where the path follows without a space.
    [[ \${#COMPREPLY[@]} -gt 0 && \${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null
    COMPREPLY+=($(compgen -f -- "$cur"))
  fi
}
${fn}_subs() {
  local subs=''
  case $1 in
${subCases}
  esac
  printf '%s' "$subs"
}
complete -o default -F ${fn} ${w.bin}
`;
}

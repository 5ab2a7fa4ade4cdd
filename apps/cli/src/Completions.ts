/**
 * `--completions bash|zsh|fish|powershell`: completion scripts generated from the command tree (CommandSpec.ts)
 * — subcommands, their flags, and the values of choice flags (`--format <TAB>` → table json ndjson csv) one
 * per word; file flags complete paths, free-text flags nothing.
 *
 * Each script walks the words typed so far the same way: a subcommand name moves into that command, a flag
 * that takes a value skips the next word. @effect/cli 0.77's own scripts complete neither choice values
 * (our choice flags parse text, for their error messages) nor PowerShell, and offer `sh`, which has no
 * programmable completion.
 *
 * @since 0.2.0
 */
import type * as CommandSpec from "./CommandSpec.js"
import { firstSentence } from "./Help.js"

/**
 * @since 0.2.0
 */
export const shells = ["bash", "zsh", "fish", "powershell"] as const

/**
 * @since 0.2.0
 */
export type Shell = typeof shells[number]

/**
 * @since 0.2.0
 */
export const isShell = (name: string): name is Shell => (shells as ReadonlyArray<string>).includes(name)

/**
 * Why a shell is refused (`sh` has no programmable completion), for a usage error.
 *
 * @since 0.2.0
 */
export const refusal = (name: string): string =>
  name === "sh"
    ? `--completions sh is not supported: POSIX sh has no programmable completion; use one of ${shells.join(", ")}`
    : `--completions: '${name}' is not one of ${shells.join(", ")}`

/** One command of the tree, flattened: where it is, what can follow it. */
interface Node {
  /** Subcommand names from the root, joined by spaces ("" for the root). */
  readonly path: string
  readonly spec: CommandSpec.Spec
  readonly flags: ReadonlyArray<CommandSpec.Flag>
}

const nodes = (root: CommandSpec.Spec, globalFlags: ReadonlyArray<CommandSpec.Flag>): ReadonlyArray<Node> => {
  const walk = (spec: CommandSpec.Spec, path: ReadonlyArray<string>): ReadonlyArray<Node> => [
    { path: path.join(" "), spec, flags: [...spec.flags, ...globalFlags] },
    ...spec.subcommands.flatMap((sub) => walk(sub, [...path, sub.name]))
  ]
  return walk(root, [])
}

const namesOf = (flag: CommandSpec.Flag): ReadonlyArray<string> => [`--${flag.name}`, ...flag.aliases]

const words = (node: Node): ReadonlyArray<string> => [
  ...node.spec.subcommands.map((sub) => sub.name),
  ...node.flags.flatMap((flag) => [`--${flag.name}`])
]

const valueFlags = (node: Node) => node.flags.filter((flag) => flag.value._tag !== "None")

const child = (node: Node, name: string): string => node.path === "" ? name : `${node.path} ${name}`

/**
 * The completion script for `shell`, completing the program `root.name`.
 *
 * @since 0.2.0
 */
export const script = (shell: Shell, root: CommandSpec.Spec, globalFlags: ReadonlyArray<CommandSpec.Flag>): string => {
  const all = nodes(root, globalFlags)
  switch (shell) {
    case "bash":
      return bash(root.name, all)
    case "zsh":
      return zsh(root.name, all)
    case "fish":
      return fish(root.name, all)
    case "powershell":
      return powershell(root.name, all)
  }
}

const identifier = (program: string) => program.replace(/[^A-Za-z0-9_]/g, "_")

/** A `case` pattern list in bash and zsh: `"list:--format"|"list:-f"`. */
const shPatterns = (path: string, names: ReadonlyArray<string>) => names.map((name) => `"${path}:${name}"`).join("|")

const bash = (program: string, all: ReadonlyArray<Node>): string => {
  const fn = `_${identifier(program)}_completions`
  const walkCases = all.flatMap((node) => [
    ...node.spec.subcommands.map((sub) => `      ${shPatterns(node.path, [sub.name])}) cmdpath="${child(node, sub.name)}" ;;`),
    ...valueFlags(node).map((flag) => `      ${shPatterns(node.path, namesOf(flag))}) i=$((i + 1)) ;;`)
  ])
  const valueCases = all.flatMap((node) =>
    valueFlags(node).map((flag) => {
      const body = flag.value._tag === "Choice"
        ? `COMPREPLY=($(compgen -W "${flag.value.choices.join(" ")}" -- "$cur"))`
        : flag.value._tag === "File"
        ? `COMPREPLY=($(compgen -f -- "$cur"))`
        : "COMPREPLY=()"
      return `    ${shPatterns(node.path, namesOf(flag))}) ${body}; return 0 ;;`
    })
  )
  const wordCases = all.map((node) => `    "${node.path}") candidates="${words(node).join(" ")}" ;;`)
  return `# bash completion for ${program}: source it, or save it as ~/.local/share/bash-completion/completions/${program}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" candidates="" i
  # The words typed so far: a subcommand moves into it, a flag taking a value skips that value.
  if [ "$COMP_CWORD" -gt 0 ]; then prev="\${COMP_WORDS[COMP_CWORD-1]}"; fi
  i=1
  while [ "$i" -lt "$COMP_CWORD" ]; do
    if [ "\${COMP_WORDS[i]}" = "--" ]; then COMPREPLY=(); return 0; fi
    case "$cmdpath:\${COMP_WORDS[i]}" in
${walkCases.join("\n")}
    esac
    i=$((i + 1))
  done
  case "$cmdpath:$prev" in
${valueCases.join("\n")}
  esac
  case "$cmdpath" in
${wordCases.join("\n")}
  esac
  COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
  return 0
}
complete -F ${fn} ${program}
`
}

const zsh = (program: string, all: ReadonlyArray<Node>): string => {
  const fn = `_${identifier(program)}`
  const walkCases = all.flatMap((node) => [
    ...node.spec.subcommands.map((sub) => `      ${shPatterns(node.path, [sub.name])}) cmdpath="${child(node, sub.name)}" ;;`),
    ...valueFlags(node).map((flag) => `      ${shPatterns(node.path, namesOf(flag))}) i=$((i + 1)) ;;`)
  ])
  const valueCases = all.flatMap((node) =>
    valueFlags(node).map((flag) => {
      const body = flag.value._tag === "Choice"
        ? `compadd -- ${flag.value.choices.join(" ")}`
        : flag.value._tag === "File"
        ? "_files"
        : "_message 'value'"
      return `    ${shPatterns(node.path, namesOf(flag))}) ${body}; return ;;`
    })
  )
  const wordCases = all.map((node) => `    "${node.path}") compadd -- ${words(node).join(" ")} ;;`)
  return `#compdef ${program}
# zsh completion for ${program}: save it as _${program} in a directory of $fpath, or source it after compinit
${fn}() {
  local cmdpath="" prev="\${words[CURRENT-1]}" i=2
  while (( i < CURRENT )); do
    [[ "\${words[i]}" == "--" ]] && return
    case "$cmdpath:\${words[i]}" in
${walkCases.join("\n")}
    esac
    i=$((i + 1))
  done
  case "$cmdpath:$prev" in
${valueCases.join("\n")}
  esac
  case "$cmdpath" in
${wordCases.join("\n")}
  esac
}
if [ "$funcstack[1]" = "${fn}" ]; then
  ${fn} "$@"
else
  compdef ${fn} ${program}
fi
`
}

const fishQuote = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`

const fish = (program: string, all: ReadonlyArray<Node>): string => {
  const fn = `__${identifier(program)}_path`
  const walkCases = all.flatMap((node) => [
    ...node.spec.subcommands.map((sub) => `      case ${fishQuote(`${node.path}:${sub.name}`)}\n        set cmdpath ${fishQuote(child(node, sub.name))}`),
    ...valueFlags(node).map((flag) => `      case ${namesOf(flag).map((name) => fishQuote(`${node.path}:${name}`)).join(" ")}\n        set skip 1`)
  ])
  const condition = (path: string) => `-n ${fishQuote(`test "$(${fn})" = ${fishQuote(path)}`)}`
  const lines = all.flatMap((node) => [
    ...node.spec.subcommands.map((sub) =>
      `complete -c ${program} ${condition(node.path)} -a ${sub.name} -d ${fishQuote(firstSentence(sub.description))}`
    ),
    ...node.flags.map((flag) => {
      const short = flag.aliases.filter((alias) => /^-[^-]$/.test(alias)).map((alias) => ` -s ${alias.slice(1)}`).join("")
      const value = flag.value._tag === "Choice"
        ? ` -x -a ${fishQuote(flag.value.choices.join(" "))}`
        : flag.value._tag === "File"
        ? " -r -F"
        : flag.value._tag === "Text"
        ? " -x"
        : ""
      return `complete -c ${program} ${condition(node.path)} -l ${flag.name}${short}${value} -d ${fishQuote(firstSentence(flag.description))}`
    })
  ])
  return `# fish completion for ${program}: source it, or save it as ~/.config/fish/completions/${program}.fish
function ${fn}
  set -l args (commandline -opc)
  set -e args[1]
  set -l cmdpath ''
  set -l skip 0
  for word in $args
    if test $skip = 1
      set skip 0
      continue
    end
    switch "$cmdpath:$word"
${walkCases.join("\n")}
    end
  end
  echo $cmdpath
end
complete -c ${program} -f
${lines.join("\n")}
`
}

const psQuote = (text: string) => `'${text.replace(/'/g, "''")}'`

const powershell = (program: string, all: ReadonlyArray<Node>): string => {
  const walkCases = all.flatMap((node) => [
    ...node.spec.subcommands.map((sub) => `      ${psQuote(`${node.path}:${sub.name}`)} { $cmdpath = ${psQuote(child(node, sub.name))} }`),
    ...valueFlags(node).flatMap((flag) => namesOf(flag).map((name) => `      ${psQuote(`${node.path}:${name}`)} { $skip = $true }`))
  ])
  const valueCases = all.flatMap((node) =>
    valueFlags(node).flatMap((flag) =>
      namesOf(flag).map((name) => {
        const values = flag.value._tag === "Choice" ? `@(${flag.value.choices.map(psQuote).join(", ")})` : "$null"
        return `    ${psQuote(`${node.path}:${name}`)} { $values = ${values}; $isValue = $true }`
      })
    )
  )
  const wordCases = all.map((node) => `    ${psQuote(node.path)} { $values = @(${words(node).map(psQuote).join(", ")}) }`)
  return `# PowerShell completion for ${program}: add it to your $PROFILE
Register-ArgumentCompleter -Native -CommandName ${psQuote(program)} -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $typed = @($commandAst.CommandElements | Select-Object -Skip 1 |
    Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
    ForEach-Object { $_.ToString() })
  $cmdpath = ''
  $skip = $false
  $prev = ''
  foreach ($word in $typed) {
    $prev = $word
    if ($skip) { $skip = $false; $prev = ''; continue }
    if ($word -eq '--') { return }
    switch -CaseSensitive ("$($cmdpath):$word") {
${walkCases.join("\n")}
    }
  }
  $values = @()
  $isValue = $false
  if ($skip) {
    switch -CaseSensitive ("$($cmdpath):$prev") {
${valueCases.join("\n")}
    }
  }
  if (-not $isValue) {
    switch -CaseSensitive ($cmdpath) {
${wordCases.join("\n")}
    }
  }
  $values | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
  }
}
`
}

/**
 * The config file of accounts (`~/.config/invitekit/config.yaml`): where it is, and its decoding with Schema into
 * accounts whose keys come from a variable, a file or a command — never from the file itself. Every mistake is a
 * usage error naming the file, the account and the field. YAML is parsed by the `yaml` package, loaded only when
 * a file exists (it stays out of every other start-up).
 *
 * @since 0.2.0
 */
import type * as Provider from "@invitekit/core/Provider"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { readFile } from "node:fs/promises"
import { homedir } from "node:os"
import { dirname, isAbsolute, join, resolve } from "node:path"
import { UsageError } from "./Failure.js"
import * as Providers from "./Providers.js"

/**
 * The variable naming the config file (overridden by `--config`).
 *
 * @since 0.2.0
 */
export const variable = "INVITEKIT_CONFIG"

/**
 * Where an account's key comes from: an environment variable, a file (mode 600), or a command's stdout.
 *
 * @since 0.2.0
 */
export type KeySource =
  | { readonly _tag: "env"; readonly variable: string }
  | { readonly _tag: "file"; readonly path: string; readonly written: string }
  | { readonly _tag: "command"; readonly command: string }

/**
 * One account of the file.
 *
 * @since 0.2.0
 */
export interface AccountEntry {
  readonly name: string
  readonly provider: Provider.Provider
  readonly key: KeySource
  readonly baseUrl?: string | undefined
  readonly workspaces?: ReadonlyArray<string> | undefined
}

/**
 * A decoded config file.
 *
 * @since 0.2.0
 */
export interface ConfigFile {
  /** The file, as given or found (for messages). */
  readonly path: string
  readonly accounts: ReadonlyArray<AccountEntry>
  /** The `policy:` section, passed through undecoded (the audit policy decodes it). */
  readonly policy: unknown
}

const keyForms = "{ env: VARIABLE }, { file: PATH } or { command: \"…\" }"

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * `key:` as written: exactly one of `env`, `file`, `command`. Decoded by hand so that no message ever repeats
 * a value (a literal key pasted there must not be echoed).
 */
const KeyField = Schema.transformOrFail(
  Schema.Unknown,
  Schema.Union(
    Schema.Struct({ env: Schema.String }),
    Schema.Struct({ file: Schema.String }),
    Schema.Struct({ command: Schema.String })
  ),
  {
    strict: true,
    decode: (input, _, ast) => {
      const fail = (message: string) => ParseResult.fail(new ParseResult.Type(ast, "(not shown)", message))
      if (typeof input === "string" || typeof input === "number") {
        return fail(
          `is a literal key, which a config file must not hold (it gets committed and shared): ` +
            `use ${keyForms}`
        )
      }
      if (typeof input !== "object" || input === null || Array.isArray(input)) return fail(`must be ${keyForms}`)
      const fields = Object.keys(input)
      const known: Array<string> = fields.filter((field) => ["env", "file", "command"].includes(field))
      const unknown = fields.filter((field) => !known.includes(field))
      if (unknown.length > 0) return fail(`has an unknown field ${unknown.join(", ")}: use ${keyForms}`)
      if (known.length !== 1) return fail(`must name exactly one key source: ${keyForms}`)
      const field = known[0] as "env" | "file" | "command"
      const value = (input as Record<string, unknown>)[field]
      if (typeof value !== "string" || value.trim() === "") return fail(`${field} must be a non-empty string`)
      if (field === "env" && !variableName.test(value)) {
        return fail("env must name an environment variable (letters, digits and _), not hold a key")
      }
      return ParseResult.succeed({ [field]: value } as { env: string } | { file: string } | { command: string })
    },
    encode: ParseResult.succeed
  }
)

const NonEmpty = Schema.String.pipe(Schema.filter((s) => s.trim() !== "", { message: () => "must not be empty" }))

const Name = Schema.String.pipe(
  Schema.filter((s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), {
    message: () => "must be letters, digits, '.', '_' or '-' (it names the account in listings and --account)"
  })
)

const Entry = Schema.Struct({
  name: Name,
  provider: Schema.String.pipe(
    Schema.filter((name): name is Provider.Provider => Providers.names.includes(name), {
      message: (issue) => `${JSON.stringify(issue.actual)} is not a provider: use ${Providers.oneOf(Providers.names)}`
    })
  ),
  key: KeyField,
  baseUrl: Schema.optional(NonEmpty),
  workspaces: Schema.optional(Schema.NonEmptyArray(NonEmpty).annotations({
    message: () => "must be a non-empty list of workspace ids"
  }))
})

const File = Schema.Struct({
  accounts: Schema.Array(Schema.Unknown),
  // The audit policy's own section: its decoder lives with the audit; this file only lets it through.
  policy: Schema.optional(Schema.Unknown)
})

/**
 * Where the config file is: `--config`, else `INVITEKIT_CONFIG`, else `$XDG_CONFIG_HOME/invitekit/config.yaml`
 * (`~/.config/…` without it). `explicit` says whether the user named it (then it must exist).
 *
 * @since 0.2.0
 */
export const locate = (flag: Option.Option<string>): Effect.Effect<{ readonly path: string; readonly explicit: boolean }> =>
  Effect.gen(function*() {
    if (Option.isSome(flag)) return { path: flag.value, explicit: true }
    const fromEnv = yield* Config.option(Config.string(variable)).pipe(Effect.orElseSucceed(() => Option.none()))
    if (Option.isSome(fromEnv) && fromEnv.value.trim() !== "") return { path: fromEnv.value, explicit: true }
    const xdg = yield* Config.option(Config.string("XDG_CONFIG_HOME")).pipe(Effect.orElseSucceed(() => Option.none()))
    // The XDG spec ignores a relative XDG_CONFIG_HOME.
    const base = Option.isSome(xdg) && isAbsolute(xdg.value) ? xdg.value : join(homedir(), ".config")
    return { path: join(base, "invitekit", "config.yaml"), explicit: false }
  })

/**
 * Reads and decodes the config file `locate` finds: nothing when the default file does not exist (the
 * environment variables are the accounts then).
 *
 * @since 0.2.0
 */
export const load = (flag: Option.Option<string>): Effect.Effect<Option.Option<ConfigFile>, UsageError> =>
  Effect.gen(function*() {
    const { explicit, path } = yield* locate(flag)
    const text = yield* Effect.tryPromise({
      try: () => readFile(expandHome(path), "utf8"),
      catch: (error) => error as NodeJS.ErrnoException
    }).pipe(
      Effect.map(Option.some),
      Effect.catchAll((error) =>
        error.code === "ENOENT" && !explicit
          ? Effect.succeed(Option.none<string>())
          : Effect.fail(
            new UsageError({
              message: error.code === "ENOENT"
                ? `config file ${path} does not exist`
                : `config file ${path} cannot be read (${error.code ?? "error"})`
            })
          )
      )
    )
    if (Option.isNone(text)) return Option.none()
    return Option.some(yield* decode(path, yield* parseYaml(path, text.value)))
  })

/**
 * Parses YAML text, loading the parser on first use.
 *
 * @since 0.2.0
 */
export const parseYaml = (path: string, text: string): Effect.Effect<unknown, UsageError> =>
  Effect.tryPromise({
    try: async () => {
      // yaml's Node entry is CommonJS: bundled, its functions sit on the default export.
      const loaded: typeof import("yaml") & { readonly default?: typeof import("yaml") } = await import("yaml")
      const yaml = typeof loaded.parse === "function" ? loaded : loaded.default!
      return yaml.parse(text, { prettyErrors: false, uniqueKeys: true })
    },
    // Only the first line of the parser's message: the rest quotes the file, which may hold a pasted key.
    catch: (error) =>
      new UsageError({
        message: `${path}: not valid YAML: ${
          (error instanceof Error ? error.message : String(error)).split("\n")[0]!.replace(/:$/, "")
        }`
      })
  })

/**
 * Decodes a parsed config file: every account checked (fields, key source, provider, workspaces) and no name
 * used twice.
 *
 * @since 0.2.0
 */
export const decode = (path: string, input: unknown): Effect.Effect<ConfigFile, UsageError> =>
  Effect.gen(function*() {
    const usage = (lines: ReadonlyArray<string>) =>
      new UsageError({ message: lines.map((line) => `${path}: ${line}`).join("\n") })
    if (input === null || input === undefined) return yield* usage(["is empty: list the accounts under accounts:"])
    const problems: Array<string> = []
    const top = Schema.decodeUnknownEither(File, { errors: "all", onExcessProperty: "error" })(input)
    if (top._tag === "Left") problems.push(...issues(top.left, () => undefined))
    // The accounts are checked even when the top level is wrong: every mistake is reported at once.
    const rawAccounts = typeof input === "object" && Array.isArray((input as Record<string, unknown>)["accounts"])
      ? (input as { readonly accounts: ReadonlyArray<unknown> }).accounts
      : []
    const accounts: Array<AccountEntry> = []
    for (const [index, raw] of rawAccounts.entries()) {
      const label = accountLabel(raw, index)
      const decoded = Schema.decodeUnknownEither(Entry, { errors: "all", onExcessProperty: "error" })(raw)
      if (decoded._tag === "Left") {
        problems.push(...issues(decoded.left, () => label))
        continue
      }
      const entry = decoded.right
      const definition = Providers.definition(entry.provider)
      if (definition.capabilities.workspaces && entry.workspaces === undefined) {
        problems.push(`${label}: workspaces is missing: ${definition.displayName} lists the workspaces an account names`)
      }
      if (!definition.capabilities.workspaces && entry.workspaces !== undefined) {
        problems.push(`${label}: workspaces is not a field of ${definition.displayName} accounts`)
      }
      if (accounts.some((other) => other.name === entry.name)) {
        problems.push(`${label}: name ${entry.name} is already used by another account: names must be unique`)
      }
      accounts.push({
        name: entry.name,
        provider: entry.provider,
        key: keySource(path, entry.key),
        baseUrl: entry.baseUrl?.trim(),
        workspaces: entry.workspaces
      })
    }
    if (problems.length > 0 || top._tag === "Left") return yield* usage(problems)
    if (accounts.length === 0) return yield* usage(["names no account: list them under accounts:"])
    return { path, accounts, policy: top.right.policy }
  })

const keySource = (configPath: string, key: { env: string } | { file: string } | { command: string }): KeySource =>
  "env" in key
    ? { _tag: "env", variable: key.env }
    : "file" in key
    ? { _tag: "file", written: key.file, path: resolve(dirname(expandHome(configPath)), expandHome(key.file)) }
    : { _tag: "command", command: key.command }

/** `~/x` → the home directory's `x` (YAML has no shell to do it). */
const expandHome = (path: string): string =>
  path === "~" ? homedir() : path.startsWith("~/") ? join(homedir(), path.slice(2)) : path

const accountLabel = (raw: unknown, index: number): string => {
  const name = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>)["name"] : undefined
  return typeof name === "string" && name !== "" ? `account ${name}` : `account #${index + 1} (accounts[${index}])`
}

/** One line per issue: where (the field path below `skip` segments), then what is wrong. */
const issues = (error: ParseResult.ParseError, prefix: () => string | undefined, skip = 0): Array<string> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => {
    const field = issue.path.slice(skip).map(String).join(".")
    const at = [prefix(), field === "" ? undefined : `field ${field}`].filter((part) => part !== undefined)
    return `${at.join(": ")}${at.length > 0 ? ": " : ""}${describeIssue(issue)}`
  })

const describeIssue = (issue: ParseResult.ArrayFormatterIssue): string => {
  if (issue._tag === "Missing") return "is missing"
  if (issue._tag === "Unexpected") return "is not a known field"
  return issue.message
}

/**
 * The emulator's options, as one Schema: what `Emulator.start` accepts, and the command-line flags that
 * decode to it. The standalone bin and `invitekit emulator` decode their flags with {@link FromFlags}, so
 * every bad value gives the same message, naming the flag and what it accepts.
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { defaultSeed, maxCount } from "./Dataset.js"
import * as Faults from "./Faults.js"
import * as Flag from "./internal/Flag.js"
import * as Providers from "./Providers.js"

const maxSeed = 0xffffffff

type PerProvider<A> = { readonly [N in Providers.Name]?: A }

const perProvider = <A, I>(value: Schema.Schema<A, I>): Schema.Schema<PerProvider<A>, PerProvider<I>> =>
  Schema.Struct(Providers.record(() => Schema.optional(value))) as any

const between = (min: number, max: number) => Schema.Int.pipe(Schema.between(min, max))

type OwnOptions = {
  readonly [N in Providers.Name as [Providers.OwnOptionsOf<N>] extends [never] ? never : N]?: Providers.OwnOptionsOf<N>
}

/**
 * One more organization of a provider: its own key, and its own invites (another seed, another count).
 *
 * @since 0.2.0
 */
export interface Organization {
  /** The admin key that sees this organization; must differ from every other key of the provider. */
  readonly key: string
  /** Default: derived from the data seed and the organization's place in the list. */
  readonly seed?: number | undefined
  /** Default: the provider's count. */
  readonly count?: number | undefined
}

/**
 * The Schema of {@link Organization}.
 *
 * @since 0.2.0
 */
export const Organization: Schema.Schema<Organization> = Schema.Struct({
  key: Schema.NonEmptyString,
  seed: Schema.optional(between(0, maxSeed)),
  count: Schema.optional(between(0, maxCount))
})

/**
 * How to start the emulator. Everything is optional.
 *
 * @since 0.2.0
 */
export type Options = OwnOptions & {
  /** Default `127.0.0.1`. `0.0.0.0` / `::` make it reachable from other machines. */
  readonly host?: string
  /** Default `0`: an ephemeral port. */
  readonly port?: number
  /** Default `Dataset.defaultSeed`. */
  readonly seed?: number | undefined
  /** The instant (epoch ms) the data is anchored to. Default: the start of the current UTC day. */
  readonly now?: number
  /** Invites per provider (Openlayer: per workspace). Default `Dataset.defaultCounts`. */
  readonly counts?: PerProvider<number>
  readonly keys?: PerProvider<string>
  /** Latency added to every request, unless a fault plan sets its own. */
  readonly latencyMs?: PerProvider<number>
  /** Fault plans in force from the start. */
  readonly faults?: PerProvider<Faults.Plan>
  /**
   * More organizations per provider, each seen by its own key with its own invites, beside the default one
   * (`keys`): how several accounts of one provider are tested and demonstrated.
   */
  readonly organizations?: PerProvider<ReadonlyArray<Organization>>
  /**
   * The newest `n` invites of every list (each provider, each Openlayer workspace) go to the same `n` addresses
   * (`shared-1@example.com`, …, capitalised in every other list) and are pending: cases for an audit — the same
   * person invited in several accounts, and twice in one Openlayer account. Open only while fresh: keep `n` at
   * most a quarter of the counts. Default 0.
   */
  readonly sharedAddresses?: number
}

/**
 * The Schema of {@link Options}: ranges and provider names are checked here, and nowhere else.
 *
 * @since 0.2.0
 */
export const Options: Schema.Schema<Options> = Schema.Struct({
  host: Schema.optional(Schema.NonEmptyTrimmedString),
  port: Schema.optional(between(0, 65535)),
  seed: Schema.optional(between(0, maxSeed)),
  now: Schema.optional(Schema.Finite),
  counts: Schema.optional(perProvider(between(0, maxCount))),
  keys: Schema.optional(perProvider(Schema.NonEmptyString)),
  latencyMs: Schema.optional(perProvider(Schema.Finite.pipe(Schema.nonNegative()))),
  faults: Schema.optional(perProvider(Faults.Plan)),
  organizations: Schema.optional(perProvider(Schema.Array(Organization))),
  sharedAddresses: Schema.optional(between(0, maxCount)),
  ...Object.fromEntries(
    Providers.all.flatMap((module) => (module.options === undefined ? [] : [[module.name, Schema.optional(module.options)]]))
  )
}) as any

const firstIssue = (error: ParseResult.ParseError): ParseResult.ArrayFormatterIssue =>
  ParseResult.ArrayFormatter.formatErrorSync(error)[0]!

/**
 * Checks options given in code. The message names the option (`counts.openai: …`).
 *
 * @since 0.2.0
 */
export const decode = (input: unknown): Either.Either<Options, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(Options)(input, { onExcessProperty: "error" }), (error) => {
    const issue = firstIssue(error)
    const path = issue.path.join(".")
    const message = issue._tag === "Unexpected"
      ? `unknown option (the providers are ${Providers.names.join(", ")})`
      : issue.message
    return path === "" ? message : `${path}: ${message}`
  })

/**
 * The flags every emulator has, before the providers' own.
 *
 * @since 0.2.0
 */
export const commonFlags: ReadonlyArray<Flag.Flag> = [
  { name: "port", placeholder: "N", description: "port to listen on (default 0: an ephemeral port)", schema: Flag.integer(0, 65535) },
  {
    name: "host",
    placeholder: "ADDR",
    description: "address to bind (default 127.0.0.1; 0.0.0.0 or :: is reachable from other machines)",
    schema: Flag.text("an address")
  },
  { name: "seed", placeholder: "N", description: `data seed (default ${defaultSeed})`, schema: Flag.integer(0, maxSeed) },
  {
    name: "count",
    placeholder: "N",
    description: "invites for every provider (Openlayer: per workspace)",
    schema: Flag.integer(0, maxCount)
  },
  ...Providers.all.map((module): Flag.Flag => ({
    name: `count-${module.name}`,
    placeholder: "N",
    description: `${module.displayName} ${module.countUnit} (default ${module.defaultCount})`,
    schema: Flag.integer(0, maxCount)
  })),
  { name: "latency", placeholder: "MS", description: "latency added to every request", schema: Flag.number(0, 3_600_000) },
  {
    name: "fault-rate",
    placeholder: "R",
    description: "random recoverable faults (429, 5xx, HTML 502, reset, hang) at rate R in [0, 1]",
    schema: Flag.number(0, 1)
  },
  {
    name: "shared-addresses",
    placeholder: "N",
    description: "the newest N invites of every list go to the same N addresses, pending (audit cases)",
    schema: Flag.integer(0, maxCount)
  },
  {
    name: "fault-seed",
    placeholder: "N",
    description: "seed of the random faults (default: the data seed)",
    schema: Flag.integer(0, maxSeed)
  }
]

/**
 * Every flag, in help order: the common ones, then each provider's own.
 *
 * @since 0.2.0
 */
export const flags: ReadonlyArray<Flag.Flag> = [...commonFlags, ...Providers.all.flatMap((module) => module.flags)]

/**
 * The values of the flags that were given, decoded, by flag name.
 *
 * @since 0.2.0
 */
export type FlagValues = Readonly<Record<string, unknown>>

const FlagValues: Schema.Schema<FlagValues, Readonly<Record<string, string>>> = Schema.Struct(
  Object.fromEntries(flags.map((flag) => [flag.name, Schema.optional(flag.schema)]))
) as any

const toOptions = (v: FlagValues): Options => {
  const seed = v["seed"] as number | undefined
  const all = v["count"] as number | undefined
  const counts: Record<string, number> = {}
  for (const name of Providers.names) {
    const count = (v[`count-${name}`] as number | undefined) ?? all
    if (count !== undefined) counts[name] = count
  }
  const shared = v["shared-addresses"] as number | undefined
  const latency = v["latency"] as number | undefined
  const rate = v["fault-rate"] as number | undefined
  const plan: Faults.Plan | undefined = rate === undefined
    ? undefined
    : { random: { rate, seed: (v["fault-seed"] as number | undefined) ?? seed ?? defaultSeed } }
  const own: Record<string, unknown> = {}
  for (const module of Providers.all) {
    const options = module.fromFlags(v, seed ?? defaultSeed)
    if (options !== undefined) own[module.name] = options
  }
  return {
    ...(v["host"] === undefined ? {} : { host: v["host"] as string }),
    ...(v["port"] === undefined ? {} : { port: v["port"] as number }),
    ...(seed === undefined ? {} : { seed }),
    ...(Object.keys(counts).length === 0 ? {} : { counts }),
    ...(shared === undefined ? {} : { sharedAddresses: shared }),
    ...own,
    ...(latency === undefined ? {} : { latencyMs: Providers.record(() => latency) }),
    ...(plan === undefined ? {} : { faults: Providers.record(() => plan) })
  }
}

/**
 * The flags (`{ "count-openai": "5", … }`, text as typed, by flag name without `--`) as {@link Options}:
 * one Schema for the bin and the CLI alike.
 *
 * @since 0.2.0
 */
export const FromFlags: Schema.Schema<Options, Readonly<Record<string, string>>> = Schema.transformOrFail(
  FlagValues,
  Schema.typeSchema(Options),
  {
    strict: true,
    decode: (values) => ParseResult.succeed(toOptions(values)),
    encode: (options, _, ast) => ParseResult.fail(new ParseResult.Forbidden(ast, options, "options are not turned back into flags"))
  }
)

/**
 * A bad flag: its message names the flag and what it accepts.
 *
 * @since 0.2.0
 */
export class FlagError extends Schema.TaggedError<FlagError>()("FlagError", {
  flag: Schema.String,
  message: Schema.String
}) {}

/**
 * Decodes the given flags into {@link Options}: `--count must be an integer in 0..4294967295, got "-5"`.
 *
 * @since 0.2.0
 */
export const decodeFlags = (values: Readonly<Record<string, string>>): Either.Either<Options, FlagError> =>
  Either.mapLeft(Schema.decodeUnknownEither(FromFlags)(values, { onExcessProperty: "error" }), (error) => {
    const issue = firstIssue(error)
    const name = String(issue.path[0] ?? "")
    if (issue._tag === "Unexpected") return unknownFlag(name)
    // a flag's own Schema fails with "must be …"; a check of the decoded options (rare) names its option
    const flag = flags.some((f) => f.name === name) ? `--${name}` : issue.path.join(".")
    return new FlagError({ flag: name, message: `${flag} ${issue.message}` })
  })

const isFlag = (name: string): boolean => flags.some((flag) => flag.name === name)

// `--count-bogus`, `--bogus-max-page-size`: a flag of some provider, named for one that does not exist
const namesUnknownProvider = (name: string): boolean => {
  const parts = name.split("-")
  return parts.some((_, i) =>
    Providers.names.some((provider) => isFlag([...parts.slice(0, i), provider, ...parts.slice(i + 1)].join("-")))
  )
}

const unknownFlag = (name: string): FlagError =>
  new FlagError({
    flag: name,
    message: namesUnknownProvider(name)
      ? `unknown option --${name}: the providers are ${Providers.names.join(", ")}`
      : `unknown option --${name}`
  })

/**
 * Splits command-line arguments into flag texts: `--name value` and `--name=value`, the value taken as
 * typed even when it starts with `-` (so `--count -5` reaches the range check). `-h` / `--help` are
 * reported apart.
 *
 * @since 0.2.0
 */
export const tokenize = (
  argv: ReadonlyArray<string>
): Either.Either<{ readonly help: boolean; readonly values: Readonly<Record<string, string>> }, FlagError> => {
  const values: Record<string, string> = {}
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "-h" || arg === "--help") {
      help = true
      continue
    }
    if (!arg.startsWith("--") || arg === "--") {
      return Either.left(new FlagError({ flag: "", message: `unexpected argument ${JSON.stringify(arg)}` }))
    }
    const eq = arg.indexOf("=")
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
    if (!flags.some((flag) => flag.name === name)) return Either.left(unknownFlag(name))
    if (eq >= 0) {
      values[name] = arg.slice(eq + 1)
    } else if (i + 1 < argv.length) {
      values[name] = argv[++i]!
    } else {
      const flag = flags.find((f) => f.name === name)!
      return Either.left(new FlagError({ flag: name, message: `--${name} needs a value (${flag.placeholder})` }))
    }
  }
  return Either.right({ help, values })
}

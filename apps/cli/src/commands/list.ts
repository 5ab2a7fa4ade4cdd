/**
 * `invitekit list`: every invite of the selected providers, streamed to stdout in the chosen format.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Flags from "../Flags.js"
import * as Output from "../Output.js"

/**
 * @since 0.1.0
 */
export const format = Flags.choice("format", Output.formats).pipe(
  Options.withAlias("f"),
  Options.withDefault("table" as Output.Format),
  Options.withDescription(
    "table (aligned, for people; printed at the end), json (one array), ndjson (one invite per line), " +
      "csv (RFC 4180). json, ndjson and csv stream as pages arrive."
  )
)

/**
 * @since 0.1.0
 */
export const maxItems = Flags.number("max-items", "whole").pipe(
  Options.filterMap(
    (n) => n >= 1 ? Option.some(n) : Option.none(),
    "--max-items must be a whole number of at least 1"
  ),
  Options.optional,
  Options.withDescription("Stop after this many invites in total (only the pages needed are fetched).")
)

/**
 * @since 0.1.0
 */
export const stale = Options.boolean("stale").pipe(
  Options.withDescription("Only pending invites already past their expiry (they can no longer be accepted).")
)

/**
 * `--fields a,b,c`: the columns (table, csv) or keys (json, ndjson) to print, in that order.
 *
 * @since 0.2.0
 */
export const fields = Options.text("fields").pipe(
  Options.withPseudoName("field,…"),
  Options.mapEffect((text) => {
    const parsed = Output.parseFields(text)
    const valid = Output.fieldNames.join(", ")
    if (parsed._tag === "Unknown") {
      return Effect.fail(ValidationError.invalidValue(HelpDoc.p(
        `--fields: '${parsed.name}' is not a field of an invite (fields: ${valid})`
      )))
    }
    return parsed.fields.length === 0
      ? Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--fields needs at least one of ${valid}`)))
      : Effect.succeed(parsed.fields)
  }),
  Options.optional,
  Options.withDescription(
    `The columns (table, csv) or keys (json, ndjson) to print, in this order, comma-separated: ${
      Output.fieldNames.join(", ")
    }.`
  )
)

/**
 * @since 0.2.0
 */
export const noHeaders = Options.boolean("no-headers").pipe(
  Options.withDescription("No header line in table and csv output (for scripts).")
)

/**
 * The flags of `list`.
 *
 * @since 0.1.0
 */
export interface ListFlags extends Flags.Shared {
  readonly format: Output.Format
  readonly maxItems: Option.Option<number>
  readonly stale: boolean
  readonly fields: Option.Option<ReadonlyArray<Output.Field>>
  readonly noHeaders: boolean
}

/**
 * Runs `list` with parsed flags (the demo runs it too). Its work lives in listRun.ts, imported when a listing
 * runs: parsing, `--help` and the other commands do not pay for loading it.
 *
 * @since 0.1.0
 */
export const run = (flags: ListFlags) =>
  Effect.flatMap(Effect.promise(() => import("./listRun.js")), (listRun) => listRun.run(flags))

/**
 * @since 0.1.0
 */
export const command = Command.make("list", { ...Flags.shared, format, maxItems, stale, fields, noHeaders }, run).pipe(
  Command.withDescription(
    "List the invites of every configured provider (or those given with --provider), several providers at " +
      "once. Rows go to stdout; progress and errors to stderr. A provider that fails does not hide the " +
      "others: its error is printed and sets the exit code."
  )
)

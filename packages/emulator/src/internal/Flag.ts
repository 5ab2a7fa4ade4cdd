/**
 * A command-line flag of the emulator: its name, help, and the Schema that turns the text a user typed into
 * a value, failing with a message that names the allowed range. The standalone bin and `invitekit emulator`
 * both decode their flags with these Schemas, so a bad value reads the same in both.
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

export interface Flag {
  /** Without the leading `--`, e.g. `count-openai`. */
  readonly name: string
  /** What the value looks like in the help: `N`, `MS`, `ADDR`. */
  readonly placeholder: string
  readonly description: string
  /** Decodes the flag's text. Its failure message completes `--name …`. */
  readonly schema: Schema.Schema<any, string>
}

const fromText = <A>(
  to: Schema.Schema<A>,
  parse: (text: string) => A | undefined,
  expected: string
): Schema.Schema<A, string> =>
  Schema.transformOrFail(Schema.String, Schema.typeSchema(to), {
    strict: true,
    decode: (text, _, ast) => {
      const value = parse(text)
      return value === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, text, `must be ${expected}, got ${JSON.stringify(text)}`))
        : ParseResult.succeed(value)
    },
    encode: (value) => ParseResult.succeed(String(value))
  })

/** A decimal integer in `min..max`: `-5`, `1.5`, `1e3` and `` are refused. */
export const integer = (min: number, max: number): Schema.Schema<number, string> =>
  fromText(Schema.Number, (text) => {
    if (!/^-?\d+$/.test(text)) return undefined
    const value = Number(text)
    return value >= min && value <= max ? value : undefined
  }, `an integer in ${min}..${max}`)

/** A finite decimal number in `min..max`. */
export const number = (min: number, max: number): Schema.Schema<number, string> =>
  fromText(Schema.Number, (text) => {
    const value = Number(text)
    return text.trim() !== "" && Number.isFinite(value) && value >= min && value <= max ? value : undefined
  }, `a number in ${min}..${max}`)

/** One of a few words. */
export const choice = <const A extends string>(values: readonly [A, ...Array<A>]): Schema.Schema<A, string> =>
  fromText(
    Schema.Literal(...values),
    (text) => ((values as ReadonlyArray<string>).includes(text) ? (text as A) : undefined),
    `one of ${values.join(", ")}`
  )

/** `--<provider>-shapes`: `full` (default) or `sparse` (only what the provider's docs require). */
export const shapes = (displayName: string) => ({
  placeholder: "S",
  description: `full (default) or sparse: ${displayName} sends only what its docs require, in every form they allow`,
  schema: choice(["full", "sparse"])
})

/** Any non-empty text. */
export const text = (what: string): Schema.Schema<string, string> =>
  fromText(Schema.String, (value) => (value.trim() === "" ? undefined : value), what)

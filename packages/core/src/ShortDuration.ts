/**
 * Durations as people type them in flags and config files: `30d`, `12h`, `2w`, `1w3d`, `90min`.
 *
 * Units: `w` (7 days), `d` (24 hours), `h`, `min`. A bare `m` is refused rather than guessed: `--older-than 3m`
 * read as minutes instead of months would make revoking far more eager than meant. Months and years have no
 * fixed length, so they are written in days (`90d`, `365d`).
 *
 * @since 0.2.0
 */
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

const unitMillis = {
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  min: 60 * 1000
} as const

type Unit = keyof typeof unitMillis

// Largest unit first: `format` walks them in this order, and `parse` accepts them in any order.
const units: ReadonlyArray<Unit> = ["w", "d", "h", "min"]

// The whole text must be parts; each part is a whole number and a unit.
const shape = /^(?:\d+ *[a-z]+ *)+$/
const part = /(\d+) *([a-z]+)/g

const isUnit = (unit: string): unit is Unit => Object.hasOwn(unitMillis, unit)

const examples = "e.g. 30d, 12h, 2w or 1w3d"

/**
 * Parses `30d`, `12h`, `2w`, `1w3d` or `90min` (case and spaces between parts ignored). The failure is a sentence
 * saying what to write instead.
 *
 * @since 0.2.0
 */
export const parse = (text: string): Either.Either<Duration.Duration, string> => {
  const input = text.trim().toLowerCase()
  if (input === "") return Either.left(`A duration is required (${examples})`)
  if (!shape.test(input)) {
    return Either.left(`"${text}" is not a duration: write a whole number and a unit w, d, h or min (${examples})`)
  }
  let millis = 0
  for (const [, amount, unit] of input.matchAll(part) as IterableIterator<[string, string, string]>) {
    if (unit === "m") {
      return Either.left(`"${text}": "m" is ambiguous; write minutes as "min" and months in days (e.g. 90d)`)
    }
    if (!isUnit(unit)) return Either.left(`"${text}": unknown unit "${unit}"; use w, d, h or min (${examples})`)
    millis += Number(amount) * unitMillis[unit]
  }
  if (!Number.isSafeInteger(millis)) return Either.left(`"${text}" is too long a duration`)
  if (millis === 0) return Either.left(`"${text}": a duration must be longer than zero`)
  return Either.right(Duration.millis(millis))
}

/**
 * Writes a duration in the shortest form `parse` reads back: `14d`, `1w3d`, `36h` as `1d12h`, `90min` as `1h30min`.
 * Parts below a minute are dropped (nothing here is that precise).
 *
 * @since 0.2.0
 */
export const format = (duration: Duration.Duration): string => {
  let rest = Math.floor(Duration.toMillis(duration))
  if (!Number.isFinite(rest)) return "forever"
  let text = ""
  for (const unit of units) {
    const amount = Math.floor(rest / unitMillis[unit])
    if (amount > 0) text += `${amount}${unit}`
    rest -= amount * unitMillis[unit]
  }
  return text === "" ? "0min" : text
}

/**
 * A duration written as `parse` reads it, decoded to a `Duration` (and encoded back with `format`): the
 * `staleAfter` of a policy, `--stale-after`, `--older-than`.
 *
 * @since 0.2.0
 */
export const FromString: Schema.Schema<Duration.Duration, string> = Schema.transformOrFail(
  Schema.String,
  Schema.DurationFromSelf,
  {
    strict: true,
    decode: (text, _, ast) =>
      Either.match(parse(text), {
        onLeft: (message) => ParseResult.fail(new ParseResult.Type(ast, text, message)),
        onRight: ParseResult.succeed
      }),
    encode: (duration) => ParseResult.succeed(format(duration))
  }
).annotations({ identifier: "ShortDuration", description: `a duration (${examples})` })

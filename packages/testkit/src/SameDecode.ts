/**
 * What holds `WireDecode` to effect's parser: on any input, the compiled decoder rejects exactly when effect
 * rejects, and when both accept they decode to equal values. With the inputs to try it on: valid bodies as a
 * provider sends them, and the same bodies broken one field at a time.
 */
import { expect } from "@effect/vitest"
import * as WireDecode from "@invitekit/core/WireDecode"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"

/** A decoded instant, compared by its milliseconds (two equal `DateTime`s may differ in cached fields). */
class Instant {
  constructor(readonly epochMillis: number) {}
}

const comparable = (value: unknown): unknown => {
  if (DateTime.isDateTime(value)) {
    return DateTime.isUtc(value) ? new Instant(value.epochMillis) : { zoned: DateTime.formatIsoZoned(value) }
  }
  if (Array.isArray(value)) return value.map(comparable)
  if (typeof value === "object" && value !== null) {
    const copy: Record<PropertyKey, unknown> = Object.create(Object.getPrototypeOf(value))
    for (const key of Reflect.ownKeys(value)) copy[key] = comparable((value as Record<PropertyKey, unknown>)[key])
    return copy
  }
  return value
}

/**
 * Fails the test unless `WireDecode` and effect's parser agree on the input; returns whether effect accepted.
 *
 * @since 0.2.0
 */
export const expectSameDecode = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown): boolean => {
  const fast = WireDecode.compile(schema)(input)
  const effect = Schema.decodeUnknownEither(schema)(input)
  if (Either.isLeft(effect)) {
    expect(fast, `effect rejects: ${effect.left.message}`).toBe(WireDecode.Rejected)
    return false
  }
  expect(fast, "effect accepts").not.toBe(WireDecode.Rejected)
  expect(comparable(fast)).toStrictEqual(comparable(effect.right))
  return true
}

/** Values a field may wrongly hold: other JSON types, numbers at the edges, instants that are not. */
const wrongValue: FastCheck.Arbitrary<unknown> = FastCheck.oneof(
  FastCheck.jsonValue(),
  FastCheck.constantFrom<unknown>(
    null,
    [],
    {},
    "",
    0,
    -0,
    true,
    // JSON.parse("1e400") is Infinity; the largest and beyond-largest instants in seconds and milliseconds
    Infinity,
    -Infinity,
    1e300,
    8_640_000_000_000,
    8_640_000_000_001,
    8_640_000_000_000_001,
    -8_640_000_000_001,
    1.5,
    "not a date",
    "2024-13-01T00:00:00Z",
    "2024-02-30 10:00:00",
    "2024-02-30T10:00:00Z",
    "2024-01-01T00:00:00",
    "2024-01-01",
    "2024-01-01T25:00:00Z",
    "2024-01-01 00:00:00Z",
    "2024-01-01t00:00:00.1234567+14:00",
    "2024-01-01T00:00:00+24:00",
    "+275760-09-13T00:00:00.001Z",
    "0000-01-01 00:00:00",
    "organization.invite",
    "list",
    "invite"
  )
)

type Path = ReadonlyArray<string | number>

/** Every place in a JSON value: the value itself, then each key and index inside it. */
const places = (value: unknown, path: Path = []): Array<Path> => {
  const out: Array<Path> = [path]
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...places(item, [...path, i])))
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) out.push(...places(item, [...path, key]))
  }
  return out
}

const Remove = Symbol("Remove")

/** The same type written as another: `"1"` for 1, `[…values]` for an object, and so on. */
const retyped = (value: unknown): unknown => {
  if (typeof value === "string") return value === "" || Number.isNaN(Number(value)) ? value.length : Number(value)
  if (typeof value === "number") return String(value)
  if (typeof value === "boolean") return String(value)
  if (Array.isArray(value)) return Object.fromEntries(value.map((item, i) => [String(i), item]))
  if (typeof value === "object" && value !== null) return Object.values(value)
  return {}
}

const replaceAt = (value: unknown, path: Path, change: (old: unknown) => unknown): unknown => {
  if (path.length === 0) {
    const changed = change(value)
    return changed === Remove ? undefined : changed
  }
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const copy = [...value]
    const changed = rest.length === 0 ? change(copy[head as number]) : replaceAt(copy[head as number], rest, change)
    if (changed === Remove) copy.splice(head as number, 1)
    else copy[head as number] = changed
    return copy
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  const changed = rest.length === 0 ? change(copy[head!]) : replaceAt(copy[head!], rest, change)
  if (changed === Remove) delete copy[head!]
  else copy[head!] = changed
  return copy
}

const mutation: FastCheck.Arbitrary<(old: unknown) => unknown> = FastCheck.oneof(
  FastCheck.constant(() => Remove),
  FastCheck.constant(retyped),
  wrongValue.map((value) => () => value)
)

/**
 * The value broken in one to three places: a field removed, retyped, or holding another JSON value, an edge
 * number or a malformed instant. Some of these still decode (an optional field removed): the point is that
 * `WireDecode` and effect agree on every one.
 *
 * @since 0.2.0
 */
export const mutated = (value: unknown): FastCheck.Arbitrary<unknown> => {
  const once = (input: unknown) =>
    FastCheck.tuple(FastCheck.constantFrom(...places(input)), mutation).map(([path, change]) =>
      replaceAt(input, path, change)
    )
  return FastCheck.integer({ min: 1, max: 3 }).chain((times) => {
    let arbitrary: FastCheck.Arbitrary<unknown> = FastCheck.constant(value)
    for (let i = 0; i < times; i++) arbitrary = arbitrary.chain(once)
    return arbitrary
  })
}

/**
 * Bodies from an arbitrary of valid ones: each as it is, or broken by `mutated`.
 *
 * @since 0.2.0
 */
export const validAndBroken = (valid: FastCheck.Arbitrary<unknown>): FastCheck.Arbitrary<unknown> =>
  valid.chain((body) => FastCheck.oneof(FastCheck.constant(body), mutated(body)))

/**
 * Inputs derived from the schema alone: values of its type, encoded (valid ones; a value the schema cannot
 * encode, such as Portkey's instant past year 9999, is skipped), and values of its encoded side (which knows no
 * refinement nor transformation, so many are not valid).
 *
 * @since 0.2.0
 */
export const fromSchema = <A, I>(schema: Schema.Schema<A, I, never>): FastCheck.Arbitrary<unknown> => {
  const encode = Schema.encodeOption(schema)
  return FastCheck.oneof(
    Arbitrary.make(schema).map(encode).filter(Option.isSome).map((encoded) => encoded.value),
    Arbitrary.make(Schema.encodedSchema(schema))
  )
}

import { describe, expect, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { decodeBody } from "../src/internal/decodeBody.js"
import * as WireDecode from "../src/WireDecode.js"
import { rfc3339, rfc3339NearMisses } from "./fixtures/timestamps.js"

/** Instants by their milliseconds: two equal `DateTime`s may differ in cached fields. */
class Instant {
  constructor(readonly epochMillis: number) {}
}
const comparable = (value: unknown): unknown => {
  if (DateTime.isDateTime(value)) return new Instant(value.epochMillis)
  if (Array.isArray(value)) return value.map(comparable)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]))
  }
  return value
}

const expectSameDecode = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown) => {
  const fast = WireDecode.compile(schema)(input)
  const effect = Schema.decodeUnknownEither(schema)(input)
  if (Either.isLeft(effect)) {
    expect(fast, `effect rejects: ${effect.left.message}`).toBe(WireDecode.Rejected)
  } else {
    expect(fast, "effect accepts").not.toBe(WireDecode.Rejected)
    expect(comparable(fast)).toStrictEqual(comparable(effect.right))
  }
}

/** Valid inputs: values of the schema's type, encoded (its encoded side alone would miss every refinement). */
const valid = <A, I>(schema: Schema.Schema<A, I, never>) => Arbitrary.make(schema).map(Schema.encodeSync(schema))

/** Valid inputs; the same with one field removed or holding any JSON value; any JSON value. */
const inputs = <A, I>(schema: Schema.Schema<A, I, never>) => {
  const struct = AST.isRefinement(schema.ast) ? schema.ast.from : schema.ast
  const names = AST.getPropertySignatures(struct).map((ps) => ps.name)
  const broken = FastCheck.tuple(
    valid(schema),
    FastCheck.constantFrom(...names),
    FastCheck.option(FastCheck.oneof(FastCheck.jsonValue(), FastCheck.constantFrom("", 0, -1, null, [], {})), {
      nil: undefined
    })
  ).map(([input, name, value]) => {
    const { [name]: _, ...rest } = input as Record<PropertyKey, unknown>
    return value === undefined ? rest : { ...rest, [name]: value }
  })
  return FastCheck.oneof(valid(schema), broken, FastCheck.jsonValue())
}

interface Tree {
  readonly name: string
  readonly children: ReadonlyArray<Tree>
}
const Tree: Schema.Schema<Tree> = Schema.Struct({
  name: Schema.String,
  children: Schema.Array(Schema.suspend((): Schema.Schema<Tree> => Tree))
})

const Cents = Schema.Number.pipe(Schema.int(), Schema.between(0, 1_000_000))

// Every node kind the compiler mirrors: keywords, literals, structs (optional and required keys, a required key
// that may be missing), arrays, unions without a literal key, refinements, transformations and declarations.
const everyKind = {
  name: Schema.String,
  count: Schema.Number,
  flag: Schema.Boolean,
  nothing: Schema.Undefined,
  anything: Schema.Unknown,
  whatever: Schema.Any,
  kind: Schema.Literal("a", "b", 1, null),
  maybe: Schema.optional(Schema.NullOr(Schema.String)),
  missable: Schema.Union(Schema.Undefined, Schema.Number),
  list: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  nested: Schema.Struct({ id: Schema.String, tags: Schema.optional(Schema.Array(Schema.String)) }),
  empty: Schema.Struct({}),
  cents: Cents,
  slug: Schema.String.pipe(Schema.pattern(/^[a-z]+$/), Schema.maxLength(8)),
  at: Schema.DateTimeUtc,
  parsed: Schema.NumberFromString,
  composed: Schema.compose(Schema.Trim, Schema.NumberFromString),
  millis: Schema.DateTimeUtcFromNumber,
  // A transformation whose target rejects some of what it makes: the empty string decodes to 0, out of range.
  length: Schema.transform(Schema.String, Schema.Number.pipe(Schema.between(1, 5)), {
    strict: true,
    decode: (s) => s.length,
    encode: (n) => "x".repeat(n)
  })
}
const EveryKind = Schema.Struct(everyKind).pipe(
  Schema.filter((value) => value.name !== value.slug || { path: ["slug"], message: "equals the name" })
)

describe("WireDecode", () => {
  it.prop("decodes every node kind it compiles exactly as effect does", [inputs(EveryKind)], ([input]) =>
    expectSameDecode(EveryKind, input), { fastCheck: { numRuns: 300 } })

  describe("instants", () => {
    const annotated = Schema.DateTimeUtc.annotations({ description: "when it was sent" })
    const Page = Schema.Struct({ at: Schema.DateTimeUtc, since: Schema.optional(annotated) })
    it.prop("decodes RFC 3339 strings, and near misses, to the instant effect decodes", [
      FastCheck.oneof(rfc3339, rfc3339NearMisses, FastCheck.jsonValue())
    ], ([text]) => {
      expectSameDecode(Schema.DateTimeUtc, text)
      expectSameDecode(annotated, text)
      expectSameDecode(Page, { at: text, since: text })
    }, { fastCheck: { numRuns: 2000 } })

    it("decodes a day past the month's end as effect does (rolled over by new Date)", () => {
      for (const text of ["2025-02-29T00:00:00Z", "2026-04-31T23:00:00+01:00", "2026-12-01T24:00:00Z"]) {
        expectSameDecode(Schema.DateTimeUtc, text)
      }
      expect(DateTime.formatIso(WireDecode.compile(Schema.DateTimeUtc)("2025-02-29T00:00:00Z") as DateTime.Utc))
        .toBe("2025-03-01T00:00:00.000Z")
    })

    it("takes only a UTC DateTime as a DateTimeUtcFromSelf", () => {
      const zoned = DateTime.unsafeMakeZoned(0, { timeZone: "Europe/Paris" })
      for (const input of [DateTime.unsafeMake(0), zoned, new Date(0), 0, "1970-01-01T00:00:00Z", null]) {
        expectSameDecode(Schema.DateTimeUtcFromSelf, input)
      }
    })
  })

  it("checks what a transformation makes against its target", () => {
    const schema = Schema.Struct({ length: everyKind.length })
    for (const input of ["", "x", "xxxxx", "xxxxxx", 3]) expectSameDecode(schema, { length: input })
    expect(WireDecode.compile(schema)({ length: "" })).toBe(WireDecode.Rejected)
  })

  it("takes a missing required key as undefined, drops undeclared keys and keeps declared order", () => {
    const schema = Schema.Struct({ b: Schema.Union(Schema.Undefined, Schema.String), a: Schema.Number })
    const decoded = WireDecode.compile(schema)({ a: 1, extra: true })
    expect(decoded).toStrictEqual({ b: undefined, a: 1 })
    expect(Object.keys(decoded as object)).toEqual(["b", "a"])
    expectSameDecode(schema, { a: 1, extra: true })
    expectSameDecode(schema, { b: null, a: 1 })
  })

  it("rejects what effect rejects at the edges: NaN is a number, null is not an object, an array not a struct", () => {
    const schema = Schema.Struct({ n: Schema.Number })
    for (const input of [{ n: NaN }, { n: Infinity }, null, [], [{ n: 1 }], "x", { n: "1" }, { n: null }]) {
      expectSameDecode(schema, input)
    }
    expect(WireDecode.compile(schema)({ n: NaN })).toStrictEqual({ n: NaN })
    expect(WireDecode.compile(schema)([])).toBe(WireDecode.Rejected)
  })

  describe("hands what it does not compile to effect", () => {
    const Tagged = Schema.Union(
      Schema.Struct({ kind: Schema.Literal("a"), x: Schema.String }),
      Schema.Struct({ kind: Schema.Literal("b"), x: Schema.Number })
    )
    const delegated = [
      ["a union of structs with a literal tag", Tagged],
      ["a record", Schema.Record({ key: Schema.String, value: Schema.Number })],
      ["a tuple", Schema.Tuple(Schema.String, Schema.optionalElement(Schema.Number))],
      ["a template literal", Schema.TemplateLiteral("id_", Schema.Number)],
      ["a default", Schema.Struct({ n: Schema.optionalWith(Schema.Number, { default: () => 0 }) })],
      ["a struct with its own parse options", Schema.Struct({ n: Schema.Number }).annotations({
        parseOptions: { onExcessProperty: "error" }
      })],
      ["a decoding fallback", Schema.Struct({
        n: Schema.Number.annotations({ decodingFallback: () => Either.right(-1) })
      })],
      ["a recursive schema", Tree]
    ] as const
    for (const [name, schema] of delegated) {
      it.prop(`${name}, decoding as effect does`, [
        FastCheck.oneof(valid(schema as Schema.Schema<unknown, unknown>), FastCheck.jsonValue())
      ], ([input]) => expectSameDecode(schema as Schema.Schema<unknown, unknown>, input))
    }

    it("a union that tries its tagged member first, wherever it stands", () => {
      // In order, the untagged member would win and drop `kind`; effect first tries the member the tag names.
      const schema = Schema.Union(
        Schema.Struct({ x: Schema.String }),
        Schema.Struct({ kind: Schema.Literal("a"), x: Schema.String })
      )
      expect(Schema.decodeUnknownSync(schema)({ kind: "a", x: "1" })).toStrictEqual({ kind: "a", x: "1" })
      for (const input of [{ kind: "a", x: "1" }, { kind: "b", x: "1" }, { x: "1" }, { kind: "a" }, null]) {
        expectSameDecode(schema, input)
      }
    })

    it("a tagged union inside a compiled struct, and a body that fails in it", () => {
      const Page = Schema.Struct({ items: Schema.Array(Tagged) })
      expectSameDecode(Page, { items: [{ kind: "a", x: "1" }, { kind: "b", x: 2 }] })
      expectSameDecode(Page, { items: [{ kind: "a", x: 2 }] })
      expectSameDecode(Page, { items: [{ kind: "c", x: 2 }] })
      expect(WireDecode.compile(Page)({ items: [{ kind: "b", x: 2, y: 0 }] })).toStrictEqual({
        items: [{ kind: "b", x: 2 }]
      })
    })

    it.effect("a transformation that answers with an Effect: undecided here, effect's value in decodeBody", () =>
      Effect.gen(function* () {
        const Length = Schema.transformOrFail(Schema.String, Schema.Number, {
          strict: true,
          decode: (s) => Effect.succeed(s.length),
          encode: (n) => ParseResult.succeed("x".repeat(n))
        })
        // The union must not take the second member because the first could not be settled without a fiber.
        const schema = Schema.Struct({ v: Schema.Union(Length, Schema.String) })
        expect(WireDecode.compile(schema)({ v: "abc" })).toBe(WireDecode.Rejected)
        expect(yield* decodeBody(schema, `{"v":"abc"}`)).toStrictEqual({ v: 3 })
        const issue = yield* Effect.flip(decodeBody(schema, `{"v":1}`))
        expect(issue.path).toBe("v")
      }))
  })

  it.effect("decodeBody: the same values and the same error, path and message, as effect's parser", () =>
    Effect.gen(function* () {
      const schema = Schema.Struct({ data: Schema.Array(Schema.Struct({ id: Schema.String, n: Cents })) })
      expect(yield* decodeBody(schema, `{"data":[{"id":"a","n":3,"x":1}]}`)).toStrictEqual({
        data: [{ id: "a", n: 3 }]
      })
      const issue = yield* Effect.flip(decodeBody(schema, `{"data":[{"id":"a","n":3},{"id":"b","n":1.5}]}`))
      expect(issue).toStrictEqual({ path: "data[1].n", reason: "Expected an integer, actual 1.5" })
    }))
})

/**
 * A fast path for decoding wire schemas: a schema's AST compiled once into plain closures that decode exactly as
 * effect's own parser does with its default options (`errors: "first"`, `onExcessProperty: "ignore"`, not
 * `exact`), without the `Either` and `ParseIssue` allocations per field. They say only whether the input
 * decodes, and to what; `decodeBody` asks effect for the error when they say no.
 *
 * Each case mirrors its counterpart in effect's `ParseResult` (function `go`). A node kind not mirrored here, or
 * one carrying a parse-options or decoding-fallback annotation, is handed to effect's parser for its subtree,
 * so every schema compiles and none decodes differently.
 *
 * @since 0.2.0
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as Rfc3339 from "./internal/rfc3339.js"

/**
 * What a decoder returns for an input effect's parser might not accept: ask effect (it says why, and decides).
 *
 * @since 0.2.0
 */
export const Rejected: unique symbol = Symbol("WireDecode/Rejected")

/**
 * @since 0.2.0
 */
export type Rejected = typeof Rejected

/**
 * A transformation or declaration answered with an `Effect` rather than an `Either`: only effect's parser can
 * run it. Not a failure: a union must not try its next member on it.
 */
const Undecided: unique symbol = Symbol("WireDecode/Undecided")

type Verdict = unknown
type Node = (input: unknown) => Verdict

const failed = (verdict: Verdict): boolean => verdict === Rejected || verdict === Undecided

const nodes = new WeakMap<AST.AST, Node>()
const decoders = new WeakMap<AST.AST, (input: unknown) => unknown>()

/**
 * The decoder of a schema: the value effect's parser would decode, or `Rejected` when it might not accept the
 * input. Compiled once per AST.
 *
 * @since 0.2.0
 */
export const compile = <A, I>(schema: Schema.Schema<A, I, never>): (input: unknown) => A | Rejected => {
  let decoder = decoders.get(schema.ast)
  if (decoder === undefined) {
    const root = node(schema.ast)
    decoder = (input) => {
      const verdict = root(input)
      return verdict === Undecided ? Rejected : verdict
    }
    decoders.set(schema.ast, decoder)
  }
  return decoder as (input: unknown) => A | Rejected
}

const node = (ast: AST.AST): Node => {
  let compiled = nodes.get(ast)
  if (compiled === undefined) {
    // Both annotations change how effect parses the node (its options, or a value instead of a failure).
    const annotated = Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
      Option.isSome(AST.getDecodingFallbackAnnotation(ast))
    compiled = (annotated ? undefined : build(ast)) ?? delegate(ast)
    nodes.set(ast, compiled)
  }
  return compiled
}

/** Effect's own parser for the subtree: its verdict is final. */
const delegate = (ast: AST.AST): Node => {
  const parse = ParseResult.decodeUnknownEither(Schema.make(ast))
  return (input) => {
    const result = parse(input)
    return Either.isRight(result) ? result.right : Rejected
  }
}

const guard = (is: (input: unknown) => boolean): Node => (input) => is(input) ? input : Rejected

/** Whether the result of a transformation or declaration decides, and what. */
const settle = (result: unknown): Verdict =>
  !Either.isEither(result) ? Undecided : Either.isRight(result) ? result.right : Rejected

/** The node's decoder, or `undefined` for a kind left to effect. */
const build = (ast: AST.AST): Node | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return guard((input) => typeof input === "string")
    case "NumberKeyword":
      return guard((input) => typeof input === "number")
    case "BooleanKeyword":
      return guard((input) => typeof input === "boolean")
    case "UndefinedKeyword":
      return guard((input) => input === undefined)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (input) => input
    case "Literal": {
      const literal = ast.literal
      return guard((input) => input === literal)
    }
    case "TypeLiteral":
      return typeLiteral(ast)
    case "TupleType":
      return tupleType(ast)
    case "Union":
      return union(ast)
    case "Refinement": {
      const from = node(ast.from)
      return (input) => {
        const value = from(input)
        if (failed(value)) return value
        return Option.isNone(ast.filter(value, AST.defaultParseOption, ast)) ? value : Rejected
      }
    }
    case "Transformation":
      return ast.transformation === dateTimeUtcFromString ? dateTimeUtc(ast) : transformation(ast)
    case "Declaration": {
      if (ast.decodeUnknown === dateTimeUtcFromSelf) return guard(isUtc)
      const parse = ast.decodeUnknown(...ast.typeParameters)
      return (input) => settle(parse(input, AST.defaultParseOption, ast))
    }
    default:
      return undefined
  }
}

const typeLiteral = (ast: AST.TypeLiteral): Node | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  if (ast.propertySignatures.length === 0) return guard((input) => input !== null && input !== undefined)
  const names = ast.propertySignatures.map((ps) => ps.name)
  const optional = ast.propertySignatures.map((ps) => ps.isOptional)
  const types = ast.propertySignatures.map((ps) => node(ps.type))
  const count = names.length
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return Rejected
    const record = input as Record<PropertyKey, unknown>
    const output: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      // A missing optional key is skipped; a missing required one is decoded as the value `undefined`.
      if (optional[i] && !Object.prototype.hasOwnProperty.call(record, name)) continue
      const value = types[i]!(record[name])
      if (failed(value)) return value
      output[name] = value
    }
    return output
  }
}

/** Only `Schema.Array`'s shape (no elements, one rest); other tuples are left to effect. */
const tupleType = (ast: AST.TupleType): Node | undefined => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
  const item = node(ast.rest[0]!.type)
  return (input) => {
    if (!Array.isArray(input)) return Rejected
    const output: Array<unknown> = []
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i])
      if (failed(value)) return value
      output.push(value)
    }
    return output
  }
}

/**
 * Members in order, the first that decodes wins: effect's order when no member has a literal-valued key. With
 * one, effect first narrows the members by the input's value of that key; that is left to it.
 */
const union = (ast: AST.Union): Node | undefined => {
  if (ast.types.some((member) => literalKeys(member))) return undefined
  const members = ast.types.map(node)
  const count = members.length
  return (input) => {
    for (let i = 0; i < count; i++) {
      const value = members[i]!(input)
      if (value === Undecided) return Undecided
      if (value !== Rejected) return value
    }
    return Rejected
  }
}

/** Whether effect's union search tree indexes the member by a key (its `getLiterals` is not empty). */
const literalKeys = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Declaration": {
      const surrogate = AST.getSurrogateAnnotation(ast)
      return Option.isSome(surrogate) && literalKeys(surrogate.value)
    }
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.encodedAST(ps.type)))
    case "TupleType":
      return ast.elements.some((element) => !element.isOptional && AST.isLiteral(AST.encodedAST(element.type)))
    case "Refinement":
      return literalKeys(ast.from)
    case "Suspend":
      return literalKeys(ast.f())
    case "Transformation":
      return literalKeys(ast.from)
    default:
      return false
  }
}

const transformation = (ast: AST.Transformation): Node | undefined => {
  const kind = ast.transformation
  if (kind._tag === "TypeLiteralTransformation") return undefined
  const from = node(ast.from)
  const to = node(ast.to)
  switch (kind._tag) {
    case "ComposeTransformation":
      return (input) => {
        const value = from(input)
        return failed(value) ? value : to(value)
      }
    case "FinalTransformation":
      return (input) => {
        const value = from(input)
        if (failed(value)) return value
        const transformed = settle(kind.decode(value, AST.defaultParseOption, ast, input))
        return failed(transformed) ? transformed : to(transformed)
      }
  }
}

// `Schema.DateTimeUtc` and `Schema.DateTimeUtcFromSelf` (and their annotated copies, which share these), the
// instants of every provider's wire schema: decoded without effect's `Either`s and, for the strings providers
// send, without `new Date`'s general parser.
const dateTimeUtcFromString = (Schema.DateTimeUtc.ast as AST.Transformation).transformation
const dateTimeUtcFromSelf = (Schema.DateTimeUtcFromSelf.ast as AST.Declaration).decodeUnknown

const isUtc = (input: unknown): boolean => DateTime.isDateTime(input) && DateTime.isUtc(input)

/**
 * An RFC 3339 string read by `Rfc3339.epochMillis`: the same instant `DateTime.unsafeMake` makes of it. Any other
 * input goes the general way, through effect's transformation.
 */
const dateTimeUtc = (ast: AST.Transformation): Node => {
  const general = transformation(ast)!
  return (input) => {
    if (typeof input === "string") {
      const millis = Rfc3339.epochMillis(input)
      if (millis !== undefined) return DateTime.unsafeMake(millis)
    }
    return general(input)
  }
}

import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as WireDecode from "../WireDecode.js"

/** Why a body did not decode, and where. */
export interface BodyIssue {
  /** The field path, e.g. `data[3].email`; empty for the body as a whole. */
  readonly path: string
  readonly reason: string
}

/**
 * Parses a JSON body and decodes it with a wire schema, naming the first offending field. A string longer than
 * `maxStringLength` anywhere in the body fails it, whatever the schema says of that field.
 */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I, never>, body: string): Effect.Effect<A, BodyIssue> =>
  Either.match(parseBody(body), { onLeft: Effect.fail, onRight: (json) => decodeJson(schema, json) })

/**
 * The first half of `decodeBody`: the body as JSON, refused when empty, not JSON, or holding a string longer than
 * `maxStringLength`. A caller may read part of it (the next page's cursor) before decoding the rest.
 */
export const parseBody = (body: string): Either.Either<unknown, BodyIssue> => {
  if (body.trim() === "") return Either.left({ path: "", reason: "the body is empty" })
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : ""
    return Either.left({ path: "", reason: `the body is not valid JSON${detail}`.slice(0, 300) })
  }
  const long = findLongString(json, [])
  if (long !== undefined) {
    return Either.left({
      path: formatPath(long.path),
      reason: `${long.key ? "a key" : "a string"} of ${long.length} characters; the longest accepted is ${maxStringLength}`
    })
  }
  return Either.right(json)
}

/**
 * The second half of `decodeBody`: parsed JSON decoded with a wire schema, naming the first offending field.
 * Nothing is decoded until the effect runs: a caller builds it as soon as a page's JSON is in, and runs it only
 * once the next page is requested (`ProviderHttp.decode`), so decoding at construction would put a whole page's
 * decoding back in front of that request.
 */
export const decodeJson = <A, I>(schema: Schema.Schema<A, I, never>, json: unknown): Effect.Effect<A, BodyIssue> =>
  Effect.suspend(() => {
    // The compiled decoder accepts exactly what effect accepts; effect runs only to say why a body fails (and
    // decides wherever the compiled one cannot).
    const fast = WireDecode.compile(schema)(json)
    if (fast !== WireDecode.Rejected) return Effect.succeed(fast)
    const decoded = Schema.decodeUnknownEither(schema)(json)
    if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
    const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
    return Effect.fail({
      path: issue === undefined ? "" : formatPath(issue.path),
      reason: issue === undefined ? "does not match the schema" : shorten(issue.message)
    })
  })

/**
 * The longest string a body may hold. Ids, e-mail addresses (at most 254 characters), names and roles are far
 * shorter: a longer one is garbage or an attack on whatever prints it, and a schema that checks only the type
 * would pass a megabyte "e-mail address" on to the output as an invite.
 */
export const maxStringLength = 10_000

interface LongString {
  readonly path: ReadonlyArray<PropertyKey>
  readonly length: number
  readonly key: boolean
}

/** The first string (or object key) longer than `maxStringLength`, depth first. `path` is reused as a stack. */
const findLongString = (value: unknown, path: Array<PropertyKey>): LongString | undefined => {
  if (typeof value === "string") {
    return value.length > maxStringLength ? { path: [...path], length: value.length, key: false } : undefined
  }
  if (typeof value !== "object" || value === null) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      const found = findLongString(value[i], path)
      path.pop()
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const key in value) {
    if (key.length > maxStringLength) return { path: [...path], length: key.length, key: true }
    path.push(key)
    const found = findLongString((value as Record<string, unknown>)[key], path)
    path.pop()
    if (found !== undefined) return found
  }
  return undefined
}

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out === "" ? String(key) : `${out}.${String(key)}`,
    ""
  )

const shorten = (message: string): string => {
  const line = message.replace(/\s+/g, " ").trim()
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

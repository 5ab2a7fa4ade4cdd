import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/** Why a body did not decode, and where. */
export interface BodyIssue {
  /** The field path, e.g. `data[3].email`; empty for the body as a whole. */
  readonly path: string
  readonly reason: string
}

/** Parses a JSON body and decodes it with a wire schema, naming the first offending field. */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I, never>, body: string): Effect.Effect<A, BodyIssue> => {
  if (body.trim() === "") return Effect.fail({ path: "", reason: "the body is empty" })
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : ""
    return Effect.fail({ path: "", reason: `the body is not valid JSON${detail}`.slice(0, 300) })
  }
  const decoded = Schema.decodeUnknownEither(schema)(json)
  if (Either.isRight(decoded)) return Effect.succeed(decoded.right)
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
  return Effect.fail({
    path: issue === undefined ? "" : formatPath(issue.path),
    reason: issue === undefined ? "does not match the schema" : shorten(issue.message)
  })
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

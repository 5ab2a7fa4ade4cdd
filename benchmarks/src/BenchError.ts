/**
 * The one error a measurement fails with: it could not run (the emulator did not start, a client threw, a
 * listing came back with the wrong number of invites). A goal that is missed is not an error: it is a result.
 */
import * as Data from "effect/Data"

export class BenchError extends Data.TaggedError("BenchError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/**
 * A thrown value as one line, with its chain of causes: SDKs wrap a socket error twice ("Connection error." →
 * "fetch failed" → "other side closed"), and only the innermost says what happened.
 */
export const describe = (cause: unknown): string => {
  const parts: Array<string> = []
  let current: unknown = cause
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current instanceof BenchError) {
      // its message already describes its cause
      parts.push(current.message)
      break
    }
    if (typeof current === "object" && "message" in current) {
      const code = "code" in current && typeof current.code === "string" ? ` [${current.code}]` : ""
      const text = `${String(current.message)}${code}`
      if (!parts.includes(text)) parts.push(text)
      current = "cause" in current ? current.cause : undefined
    } else {
      parts.push(String(current))
      break
    }
  }
  return parts.join(" ← ")
}

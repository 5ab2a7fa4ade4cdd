/**
 * The one error a measurement fails with: it could not run (the emulator did not start, a client threw, a
 * listing came back with the wrong number of invites). A goal that is missed is not an error: it is a result.
 */
import * as Data from "effect/Data"

export class BenchError extends Data.TaggedError("BenchError")<{
  readonly message: string
  readonly cause?: unknown
}> {}

/** A thrown value as one line, for error messages. */
export const describe = (cause: unknown): string => {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : ""
    return `${cause.message}${inner}`
  }
  if (typeof cause === "object" && cause !== null && "message" in cause) return String(cause.message)
  return String(cause)
}

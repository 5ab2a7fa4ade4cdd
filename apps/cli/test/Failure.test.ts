import * as ValidationError from "@effect/cli/ValidationError"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as ProviderError from "@invitekit/core/ProviderError"
import * as Cause from "effect/Cause"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import { describe, expect, it } from "vitest"
import * as Failure from "../src/Failure.js"
import { OutputClosed } from "../src/Terminal.js"

const auth = new ProviderError.AuthenticationError({ provider: "openlayer", status: 401, variable: "OPENLAYER_API_KEY" })
const unavailable = new ProviderError.ProviderUnavailableError({
  provider: "anthropic",
  request: "GET /v1/organizations/invites",
  attempts: 6,
  elapsedMillis: 12_000,
  lastFailure: "HTTP 529"
})
const invalid = new ProviderError.InvalidResponseError({ provider: "portkey", request: "GET /x", path: "total", reason: "bad" })
const config = new ProviderError.ConfigError({ provider: "openai", variable: "OPENAI_ADMIN_KEY", reason: "is not set" })
const rejected = new ProviderError.InvalidRequestError({
  provider: "openlayer",
  status: 404,
  request: "GET /workspaces/x/invites",
  providerMessage: "Workspace not found"
})

describe("Failure.exitCode", () => {
  it("maps each outcome to its documented code", () => {
    const code = (error: unknown) => Failure.exitCode(Exit.fail(error))
    expect(Failure.exitCode(Exit.void)).toBe(0)
    expect(code(ValidationError.invalidValue(HelpDoc.p("bad")))).toBe(2)
    expect(code(new Failure.UsageError({ message: "no provider" }))).toBe(2)
    expect(code(config)).toBe(2)
    expect(code(rejected)).toBe(2)
    expect(code(auth)).toBe(3)
    expect(code(unavailable)).toBe(4)
    expect(code(invalid)).toBe(5)
    expect(code(new Failure.FindingsFound({ count: 2 }))).toBe(6)
    expect(code(new OutputClosed({ reason: "EPIPE" }))).toBe(0)
    expect(Failure.exitCode(Exit.die(new Error("bug")))).toBe(1)
    expect(Failure.exitCode(Exit.failCause(Cause.interrupt(FiberId.none)))).toBe(130)
  })

  it("with several failing providers, the first in the canonical order decides", () => {
    const code = (errors: Array<ProviderError.ProviderError>) =>
      Failure.exitCode(Exit.fail(new Failure.ProvidersFailed({ errors })))
    expect(code([auth, unavailable])).toBe(4) // anthropic before openlayer
    expect(code([invalid, auth])).toBe(5) // portkey before openlayer
    expect(code([invalid, config, unavailable])).toBe(2) // openai first
  })
})

describe("Failure.describe", () => {
  it("prints one plain line for defects and usage errors, nothing for what was already reported", () => {
    expect(Failure.describe(Cause.die(new TypeError("x is not a function\n    at stack")))).toBe(
      "unexpected error: TypeError: x is not a function"
    )
    expect(Failure.describe(Cause.fail(new Failure.UsageError({ message: "no provider" })))).toBe("no provider")
    expect(Failure.describe(Cause.fail(new Failure.ProvidersFailed({ errors: [auth] })))).toBeUndefined()
    expect(Failure.describe(Cause.fail(new Failure.FindingsFound({ count: 2 })))).toBeUndefined()
    expect(Failure.describe(Cause.fail(ValidationError.invalidValue(HelpDoc.p("bad"))))).toBeUndefined()
    expect(Failure.describe(Cause.interrupt(FiberId.none))).toBeUndefined()
  })

  it("says which variable to check when Openlayer does not know a workspace", () => {
    expect(Failure.describeProviderError(rejected)).toContain("OPENLAYER_WORKSPACE_ID")
    expect(Failure.describeProviderError(auth)).toBe(auth.message)
  })
})

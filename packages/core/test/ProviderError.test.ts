import "./fixtures/providers.js"
import { describe, expect, it } from "@effect/vitest"
import { ProviderError } from "../src/index.js"

describe("ProviderError messages say what to do", () => {
  it("ConfigError names the variable", () => {
    const error = new ProviderError.ConfigError({ provider: "openai", variable: "OPENAI_ADMIN_KEY", reason: "is not set" })
    expect(error.message).toBe("OpenAI: OPENAI_ADMIN_KEY is not set")
    expect(error._tag).toBe("ConfigError")
    expect(error).toBeInstanceOf(Error)
  })

  it("AuthenticationError names the variable holding the key", () => {
    const unauthorized = new ProviderError.AuthenticationError({ provider: "anthropic", status: 401, variable: "ANTHROPIC_ADMIN_KEY" })
    expect(unauthorized.message).toBe(
      "Anthropic: the key in ANTHROPIC_ADMIN_KEY was rejected (HTTP 401). Set ANTHROPIC_ADMIN_KEY to an admin key of the organization."
    )
    const forbidden = new ProviderError.AuthenticationError({ provider: "portkey", status: 403, variable: "PORTKEY_API_KEY" })
    expect(forbidden.message).toContain("does not allow listing invites (HTTP 403)")
  })

  it("InvalidRequestError carries the provider's own message", () => {
    const error = new ProviderError.InvalidRequestError({
      provider: "openlayer",
      status: 404,
      request: "GET /workspaces/w1/invites",
      providerMessage: "Workspace not found"
    })
    expect(error.message).toBe("Openlayer rejected GET /workspaces/w1/invites (HTTP 404): Workspace not found")
  })

  it("ProviderUnavailableError says how many attempts over how long", () => {
    const error = new ProviderError.ProviderUnavailableError({
      provider: "openai",
      request: "GET /organization/invites?limit=100",
      attempts: 6,
      elapsedMillis: 31_500,
      lastFailure: "HTTP 503"
    })
    expect(error.message).toBe(
      "OpenAI is unavailable: GET /organization/invites?limit=100 failed 6 attempts over 31.5 s (last: HTTP 503). " +
        "Try again later, or raise the retries or the timeout (ProviderSettings retry.maxRetries / timeout, " +
        "or INVITEKIT_MAX_RETRIES / INVITEKIT_TIMEOUT)."
    )
    expect(error.message).not.toContain("--")
  })

  it("ProviderUnavailableError for a host that does not resolve says to check the base URL", () => {
    const error = new ProviderError.ProviderUnavailableError({
      provider: "openai",
      request: "GET /organization/invites?limit=100",
      attempts: 1,
      elapsedMillis: 100,
      lastFailure: "transport error: getaddrinfo ENOTFOUND api.example.invalid"
    })
    expect(error.message).toContain("ENOTFOUND api.example.invalid")
    expect(error.message).toContain("check the provider's base URL")
    expect(error.message).not.toContain("Try again later")
  })

  it("InvalidResponseError names the request and the field path", () => {
    const error = new ProviderError.InvalidResponseError({
      provider: "anthropic",
      request: "GET /v1/organizations/invites?limit=1000",
      path: "data[3].email",
      reason: "is missing"
    })
    expect(error.message).toBe(
      "Anthropic sent an invalid response to GET /v1/organizations/invites?limit=1000 at data[3].email: is missing"
    )
  })

  it("isProviderError recognises the family and nothing else", () => {
    expect(ProviderError.isProviderError(new ProviderError.ConfigError({ provider: "openai", variable: "X", reason: "y" }))).toBe(true)
    expect(ProviderError.isProviderError(new Error("x"))).toBe(false)
    expect(ProviderError.isProviderError({ _tag: "ConfigError" })).toBe(false)
  })
})

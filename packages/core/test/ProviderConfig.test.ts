import "./fixtures/providers.js"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Redacted } from "effect"
import { ProviderConfig } from "../src/index.js"
import pkg from "../package.json" with { type: "json" }
import { version } from "../src/internal/version.js"

const withEnv = (entries: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(entries))))

describe("ProviderConfig", () => {
  it.effect("reads a key as Redacted", () =>
    Effect.gen(function*() {
      const key = yield* ProviderConfig.key("openai", "OPENAI_ADMIN_KEY")
      expect(Redacted.value(key)).toBe("sk-admin-123")
      expect(String(key)).toBe("<redacted>")
    }).pipe(withEnv({ OPENAI_ADMIN_KEY: "sk-admin-123" })))

  it.effect("a missing key names the variable", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ProviderConfig.key("openai", "OPENAI_ADMIN_KEY"))
      expect(error.message).toBe("OpenAI: OPENAI_ADMIN_KEY is not set")
    }).pipe(withEnv({})))

  it.effect("a key with white space is refused without echoing it", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ProviderConfig.key("portkey", "PORTKEY_API_KEY"))
      expect(error.message).toBe("Portkey: PORTKEY_API_KEY is empty or contains white space")
      expect(error.message).not.toContain("secret")
    }).pipe(withEnv({ PORTKEY_API_KEY: "pk secret" })))

  it.effect("a base URL falls back to the provider's public API", () =>
    Effect.gen(function*() {
      expect(yield* ProviderConfig.baseUrl("openai", "OPENAI_BASE_URL", "https://api.openai.com/v1")).toBe(
        "https://api.openai.com/v1"
      )
      expect(yield* ProviderConfig.baseUrl("portkey", "PORTKEY_BASE_URL", "https://api.portkey.ai/v1")).toBe(
        "http://127.0.0.1:8787/portkey/v1"
      )
    }).pipe(withEnv({ PORTKEY_BASE_URL: " http://127.0.0.1:8787/portkey/v1 " })))

  it.effect("isSet tells whether a key variable is set", () =>
    Effect.gen(function*() {
      expect(yield* ProviderConfig.isSet("OPENAI_ADMIN_KEY")).toBe(true)
      expect(yield* ProviderConfig.isSet("ANTHROPIC_ADMIN_KEY")).toBe(false)
    }).pipe(withEnv({ OPENAI_ADMIN_KEY: "x" })))
})

describe("user agent version", () => {
  it("matches the package version", () => {
    expect(version).toBe(pkg.version)
  })
})

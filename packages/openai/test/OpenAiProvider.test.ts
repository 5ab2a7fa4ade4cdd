import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Emulator } from "@invitekit/emulator"
import { Settings } from "@invitekit/testkit"
import { Chunk, Effect, Layer, Redacted, Stream } from "effect"
import { OpenAiProvider } from "../src/index.js"

const second = { key: "sk-admin-emulator-openai-second-000000000000", count: 9 }

const ids = (invites: ReadonlyArray<unknown>) => invites.map((invite) => (invite as { id: string }).id)

layer(
  Layer.mergeAll(
    Emulator.layer({ seed: 3, counts: { openai: 30 }, organizations: { openai: [second] } }),
    NodeHttpClient.layerUndici,
    Settings.layer
  ),
  { excludeTestServices: true }
)("OpenAiProvider.definition.sourceFor", (it) => {
  it.effect("lists two organizations side by side, each invite carrying its account", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const { definition } = OpenAiProvider
      const prod = yield* definition.sourceFor({
        name: "acme-prod",
        apiKey: Redacted.make(emulator.openai.apiKey),
        baseUrl: emulator.openai.baseUrl
      })
      const research = yield* definition.sourceFor({
        name: "acme-research",
        apiKey: Redacted.make(second.key),
        baseUrl: emulator.openai.baseUrl
      }, { pageSize: 4 })
      const merged = yield* Stream.runCollect(
        Stream.mergeAll([prod.list(), research.list()], { concurrency: 2 })
      ).pipe(Effect.map(Chunk.toArray))
      const of = (account: string) => merged.filter((invite) => invite.account === account)
      expect(ids(of("acme-prod"))).toEqual(ids(emulator.invites("openai")))
      expect(ids(of("acme-research"))).toEqual(ids(emulator.organizations.openai[0]!.invites()))
      expect(of("acme-research")).toHaveLength(second.count)
      expect(prod.account).toBe("acme-prod")
    }))

  it.effect("names the account, and the key's label, in every error of its stream", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const source = yield* OpenAiProvider.definition.sourceFor({
        name: "acme-stale",
        apiKey: Redacted.make("sk-admin-revoked-000000000000000000"),
        baseUrl: emulator.openai.baseUrl,
        labels: { key: "OPENAI_KEY_STALE" }
      })
      const error = yield* Effect.flip(Stream.runDrain(source.list()))
      expect(error._tag).toBe("AuthenticationError")
      expect(error.account).toBe("acme-stale")
      expect(error.message).toBe(
        "OpenAI (acme-stale): the key in OPENAI_KEY_STALE was rejected (HTTP 401). " +
          "Set OPENAI_KEY_STALE to an admin key of the organization."
      )
      expect(error.message).not.toContain("sk-admin-revoked")
    }))

  it.effect("names the account in a configuration error", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(OpenAiProvider.definition.sourceFor({
        name: "acme-eu",
        apiKey: Redacted.make("k"),
        baseUrl: "not a url",
        labels: { baseUrl: "baseUrl of acme-eu" }
      }))
      expect(error.account).toBe("acme-eu")
      expect(error.message).toMatch(/^OpenAI \(acme-eu\): baseUrl of acme-eu /)
    }))
})

describe("ProviderError.withAccount", () => {
  it("keeps the provider's name alone when the account is named after it", async () => {
    const { ProviderError } = await import("@invitekit/core")
    const error = new ProviderError.ConfigError({ provider: "openai", variable: "X", reason: "is not set" })
    expect(ProviderError.withAccount("openai")(error).message).toBe("OpenAI: X is not set")
    expect(ProviderError.withAccount("acme")(error).message).toBe("OpenAI (acme): X is not set")
    expect(ProviderError.withAccount("acme")(error)._tag).toBe("ConfigError")
  })
})

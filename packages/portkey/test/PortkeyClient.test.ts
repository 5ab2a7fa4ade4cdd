import { expect, layer } from "@effect/vitest"
import { ProviderError } from "@invitekit/core"
import { Emulator } from "@invitekit/emulator"
import { Chunk, ConfigProvider, Effect, Stream } from "effect"
import * as PortkeyClient from "../src/PortkeyClient.js"
import * as PortkeyInvites from "../src/PortkeyInvites.js"
import { emulatorLayer, servedIds, servedInvites } from "./fixtures/layers.js"

/** Runs `effect` with `PortkeyClient.layerConfig` built from exactly these variables. */
const withEnv = (env: Record<string, string>) => <A, E, R>(effect: Effect.Effect<A, E, R | PortkeyClient.PortkeyClient>) =>
  effect.pipe(
    Effect.provide(PortkeyClient.layerConfig),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

const configError = (env: Record<string, string>) =>
  Effect.flip(withEnv(env)(PortkeyClient.PortkeyClient))

layer(emulatorLayer({ counts: { portkey: 150 } }), { excludeTestServices: true })("PortkeyClient.layerConfig", (it) => {
  it("exports the variable names the CLI looks for", () => {
    expect(PortkeyClient.keyVariable).toBe("PORTKEY_API_KEY")
    expect(PortkeyClient.baseUrlVariable).toBe("PORTKEY_BASE_URL")
  })

  it.effect("reads PORTKEY_API_KEY and PORTKEY_BASE_URL and lists through them", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const ids = yield* PortkeyInvites.list().pipe(
        Stream.map((invite) => invite.id),
        Stream.runCollect,
        withEnv({ PORTKEY_API_KEY: emulator.portkey.apiKey, PORTKEY_BASE_URL: emulator.portkey.baseUrl })
      )
      expect(Chunk.toArray(ids)).toEqual(servedIds(emulator))
    }))

  it.effect("defaults the base URL to Portkey's public API", () =>
    Effect.gen(function*() {
      const client = yield* withEnv({ PORTKEY_API_KEY: "pk-anything" })(PortkeyClient.PortkeyClient)
      expect(client.http.baseUrl).toBe("https://api.portkey.ai/v1")
    }))

  it.effect("a missing key is a ConfigError naming PORTKEY_API_KEY", () =>
    Effect.gen(function*() {
      const error = yield* configError({ PORTKEY_BASE_URL: "https://portkey.example.com/v1" })
      expect(error).toBeInstanceOf(ProviderError.ConfigError)
      expect(error).toMatchObject({ provider: "portkey", variable: "PORTKEY_API_KEY" })
      expect(error.message).toBe("Portkey: PORTKEY_API_KEY is not set")
    }))

  it.effect("a key with white space is a ConfigError that does not echo the key", () =>
    Effect.gen(function*() {
      const error = yield* configError({ PORTKEY_API_KEY: "pk secret" })
      expect(error).toMatchObject({ variable: "PORTKEY_API_KEY" })
      expect(error.message).not.toContain("pk secret")
    }))

  it.effect("an unusable base URL is a ConfigError naming PORTKEY_BASE_URL", () =>
    Effect.gen(function*() {
      const error = yield* configError({ PORTKEY_API_KEY: "pk-1", PORTKEY_BASE_URL: "portkey.example.com" })
      expect(error).toMatchObject({ provider: "portkey", variable: "PORTKEY_BASE_URL" })
    }))

  it.effect("the CLI's source applies the filter, ignoring case, and maps to unified invites", () =>
    Effect.gen(function*() {
      const emulator = yield* Emulator.Emulator
      const source = yield* withEnv(emulator.env)(PortkeyInvites.source)
      expect(source.provider).toBe("portkey")
      const invites = Chunk.toArray(yield* Stream.runCollect(source.list({ status: "PENDING", role: "Member" })))
      const expected = servedInvites(emulator).filter((invite) =>
        invite.status === "pending" && invite.role === "member"
      )
      expect(expected.length).toBeGreaterThan(0)
      expect(invites.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
      expect(invites.every((invite) => invite.provider === "portkey" && invite.status === "pending")).toBe(true)
      const all = yield* Stream.runCollect(source.list())
      expect(Chunk.size(all)).toBe(150)
    }))
})

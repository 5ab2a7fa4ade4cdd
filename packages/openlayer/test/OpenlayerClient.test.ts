import { describe, expect, it, layer } from "@effect/vitest"
import { ProviderError } from "@invitekit/core"
import { Emulator } from "@invitekit/emulator"
import { Chunk, ConfigProvider, Effect, Stream } from "effect"
import * as OpenlayerClient from "../src/OpenlayerClient.js"
import * as OpenlayerInvites from "../src/OpenlayerInvites.js"
import { emulatorLayer, servedIds, servedInvites } from "./fixtures/layers.js"

/** Runs `effect` with `OpenlayerClient.layerConfig` built from exactly these variables. */
const withEnv =
  (env: Record<string, string>) => <A, E, R>(effect: Effect.Effect<A, E, R | OpenlayerClient.OpenlayerClient>) =>
    effect.pipe(
      Effect.provide(OpenlayerClient.layerConfig),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
    )

const configError = (env: Record<string, string>) => Effect.flip(withEnv(env)(OpenlayerClient.OpenlayerClient))

describe("OpenlayerClient.parseWorkspaceIds", () => {
  it.each<[string | ReadonlyArray<string>, ReadonlyArray<string>]>([
    ["ws-1", ["ws-1"]],
    [" ws-1 , ws-2 ,", ["ws-1", "ws-2"]],
    ["ws-1,,ws-2,ws-1", ["ws-1", "ws-2"]],
    [["ws-1", " ws-2,ws-3 "], ["ws-1", "ws-2", "ws-3"]],
    [" , ,", []],
    ["", []]
  ])("%j → %j", (input, expected) => {
    expect(OpenlayerClient.parseWorkspaceIds(input)).toEqual(expected)
  })
})

layer(emulatorLayer({ counts: { openlayer: 120 } }), { excludeTestServices: true })(
  "OpenlayerClient.layerConfig",
  (it) => {
    it("exports the variable names the CLI looks for", () => {
      expect(OpenlayerClient.keyVariable).toBe("OPENLAYER_API_KEY")
      expect(OpenlayerClient.baseUrlVariable).toBe("OPENLAYER_BASE_URL")
      expect(OpenlayerClient.workspaceIdVariable).toBe("OPENLAYER_WORKSPACE_ID")
    })

    it.effect("reads the key, base URL and comma-separated workspaces, and lists each workspace in order", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.Emulator
        const [first, second] = emulator.openlayer.workspaceIds
        const env = {
          OPENLAYER_API_KEY: emulator.openlayer.apiKey,
          OPENLAYER_BASE_URL: emulator.openlayer.baseUrl,
          OPENLAYER_WORKSPACE_ID: ` ${second} ,, ${first}, `
        }
        const client = yield* withEnv(env)(OpenlayerClient.OpenlayerClient)
        expect(client.defaults.workspaceIds).toEqual([second, first])
        const ids = yield* OpenlayerInvites.list().pipe(
          Stream.map((invite) => invite.id),
          Stream.runCollect,
          withEnv(env)
        )
        expect(Chunk.toArray(ids)).toEqual([...servedIds(emulator, second), ...servedIds(emulator, first)])
      }))

    it.effect("defaults the base URL to Openlayer's public API", () =>
      Effect.gen(function*() {
        const client = yield* withEnv({ OPENLAYER_API_KEY: "ol-1", OPENLAYER_WORKSPACE_ID: "ws-1" })(
          OpenlayerClient.OpenlayerClient
        )
        expect(client.http.baseUrl).toBe("https://api.openlayer.com/v1")
      }))

    it.effect("a missing key is a ConfigError naming OPENLAYER_API_KEY", () =>
      Effect.gen(function*() {
        const error = yield* configError({ OPENLAYER_WORKSPACE_ID: "ws-1" })
        expect(error).toBeInstanceOf(ProviderError.ConfigError)
        expect(error).toMatchObject({ provider: "openlayer", variable: "OPENLAYER_API_KEY" })
        expect(error.message).toBe("Openlayer: OPENLAYER_API_KEY is not set")
      }))

    it.effect.each<[string, Record<string, string>]>([
      ["missing", {}],
      ["empty", { OPENLAYER_WORKSPACE_ID: "" }],
      ["only commas and spaces", { OPENLAYER_WORKSPACE_ID: " , ," }]
    ])("a workspace list that is %s is a ConfigError naming OPENLAYER_WORKSPACE_ID", ([, env]) =>
      Effect.gen(function*() {
        const error = yield* configError({ OPENLAYER_API_KEY: "ol-1", ...env })
        expect(error).toBeInstanceOf(ProviderError.ConfigError)
        expect(error).toMatchObject({ provider: "openlayer", variable: "OPENLAYER_WORKSPACE_ID" })
        expect(error.message).toContain("OPENLAYER_WORKSPACE_ID")
      }))

    it.effect("an unusable base URL is a ConfigError naming OPENLAYER_BASE_URL", () =>
      Effect.gen(function*() {
        const error = yield* configError({
          OPENLAYER_API_KEY: "ol-1",
          OPENLAYER_WORKSPACE_ID: "ws-1",
          OPENLAYER_BASE_URL: "ftp://openlayer.example.com"
        })
        expect(error).toMatchObject({ provider: "openlayer", variable: "OPENLAYER_BASE_URL" })
      }))

    it.effect("the CLI's source concatenates the workspaces, filters ignoring case, and maps to unified invites", () =>
      Effect.gen(function*() {
        const emulator = yield* Emulator.Emulator
        const source = yield* withEnv(emulator.env)(OpenlayerInvites.source)
        expect(source.provider).toBe("openlayer")
        const admins = Chunk.toArray(yield* Stream.runCollect(source.list({ role: "admin" })))
        const expected = servedInvites(emulator).filter((invite) => invite.role === "ADMIN")
        expect(expected.length).toBeGreaterThan(0)
        expect(admins.map((invite) => invite.id)).toEqual(expected.map((invite) => invite.id))
        expect(admins.every((invite) => invite.role === "ADMIN" && invite.provider === "openlayer")).toBe(true)
        expect(new Set(admins.map((invite) => invite.scopes[0]!.id))).toEqual(new Set(emulator.openlayer.workspaceIds))
        const all = Chunk.toArray(yield* Stream.runCollect(source.list()))
        expect(all.map((invite) => invite.id)).toEqual(servedIds(emulator))
      }))
  }
)

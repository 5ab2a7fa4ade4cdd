/**
 * The Promise entry's contract, run for each provider package: the same listing as the Effect API (plain objects,
 * `Date`s), a refused key as an `AuthenticationError` that never shows it, and the README's example run
 * unmodified against the emulator. The shared lifecycle (break, abort) and every error class are pinned in the
 * openai package's promise.test.ts.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as AsyncInvites from "@invitekit/core/AsyncInvites"
import type * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import { Emulator } from "@invitekit/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { inspect, promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

type Handle = Awaited<ReturnType<typeof Emulator.startPromise>>

export interface Spec {
  readonly definition: ProviderDefinition.ProviderDefinition
  readonly listInvites: (options: Record<string, unknown>) => AsyncIterable<AsyncInvites.PlainInvite>
  readonly AuthenticationError: abstract new(...args: Array<any>) => Error
  readonly InviteKitError: abstract new(...args: Array<any>) => Error
  /** The package's folder (`new URL("..", import.meta.url)` from its test), holding README.md and examples/. */
  readonly packageRoot: URL
  /** The provider's own options beyond key and base URL (Openlayer's workspaces). */
  readonly extra?: ((emulator: Handle) => Record<string, unknown>) | undefined
}

export const run = (spec: Spec): void => {
  const { AuthenticationError, definition, InviteKitError, listInvites } = spec
  const WRONG = `wrong-Zq8vX1nB5cR9yL2hDk7Tz3mQ-${definition.name}`

  let emulator: Handle
  beforeAll(async () => {
    emulator = await Emulator.startPromise({ counts: { [definition.name]: 23 } })
  })
  afterAll(() => emulator.close())

  const collect = async <A>(iterable: AsyncIterable<A>) => {
    const out: Array<A> = []
    for await (const item of iterable) out.push(item)
    return out
  }

  /** The same listing through the Effect API: the definition's source, configured from the emulator's env. */
  const effectListing = (env: Readonly<Record<string, string>>) =>
    Effect.runPromise(
      Effect.flatMap(definition.source(), (source) => Stream.runCollect(source.list())).pipe(
        Effect.map((chunk) => [...chunk].map(AsyncInvites.toPlain)),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
        Effect.provide(NodeHttpClient.layerUndici)
      )
    )

  /** Where the emulator serves this provider, as options. */
  const connection = () => ({
    apiKey: emulator.env[definition.variables.key]!,
    baseUrl: emulator.env[definition.variables.baseUrl]!,
    ...spec.extra?.(emulator)
  })

  describe(`listInvites (@invitekit/${definition.name}/promise)`, () => {
    it("lists exactly what the Effect API lists, as plain objects with Dates", async () => {
      const invites = await collect(listInvites(connection()))
      expect(invites).toEqual(await effectListing(emulator.env))
      expect(invites.length).toBeGreaterThan(0)
      expect(invites.every((invite) => invite.invitedAt === null || invite.invitedAt instanceof Date)).toBe(true)
    })

    it("a refused key is an AuthenticationError naming the option, never showing the key", async () => {
      const error = await collect(listInvites({ ...connection(), apiKey: WRONG })).then(() => undefined, (e) => e)
      expect(error).toBeInstanceOf(AuthenticationError)
      expect(error).toBeInstanceOf(InviteKitError)
      expect(error).toMatchObject({ tag: "AuthenticationError", provider: definition.name, account: definition.name, variable: "apiKey" })
      const text = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error)].join("\n")
      for (const secret of [WRONG, Buffer.from(WRONG).toString("base64"), WRONG.slice(8, -4)]) {
        expect(text.includes(secret), `shows ${secret}`).toBe(false)
      }
    })

    it(`with no options it reads ${definition.variables.key} and the rest from the environment, as the CLI does: the README's example`, async () => {
      const example = fileURLToPath(new URL("examples/promise.mjs", spec.packageRoot))
      const readme = readFileSync(fileURLToPath(new URL("README.md", spec.packageRoot)), "utf8")
      expect(readme).toContain(readFileSync(example, "utf8").trim())
      const { stdout } = await promisify(execFile)(process.execPath, [example], {
        env: { PATH: process.env.PATH ?? "", ...emulator.env },
        cwd: fileURLToPath(spec.packageRoot)
      })
      const ids = stdout.trim().split("\n").map((line) => line.split("\t")[0])
      expect(ids).toEqual((await effectListing(emulator.env)).map((invite) => invite.id))
    })
  })
}

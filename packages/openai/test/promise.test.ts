/**
 * The Promise-world listing (`@invitekit/openai/promise`) over real loopback sockets. The implementation is
 * core's `AsyncInvites`, shared by the four providers: its lifecycle (break, abort), its errors and its secrets
 * are pinned here; each other provider checks its listing, its example and a refused key.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as AsyncInvites from "@invitekit/core/AsyncInvites"
import { Emulator } from "@invitekit/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { inspect, promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { OpenAiProvider } from "../src/index.js"
import {
  AuthenticationError,
  ConfigError,
  InvalidRequestError,
  InvalidResponseError,
  InviteKitError,
  listInvites,
  ProviderUnavailableError
} from "../src/promise.js"

const SECRET = "sk-admin-Q7vX2mLpR9tW4nZk8bYc3dHf6jGs1aEuopenai"
const forms = (key: string) => [key, Buffer.from(key).toString("base64"), encodeURIComponent(key), key.slice(8, -4)]

let emulator: Awaited<ReturnType<typeof Emulator.startPromise>>
beforeAll(async () => {
  emulator = await Emulator.startPromise({ counts: { openai: 30 }, keys: { openai: SECRET } })
})
afterAll(() => emulator.close())

const counters = () => Effect.runPromise(emulator.counters("openai"))
const fresh = async () => {
  await Effect.runPromise(emulator.clearFaults())
  await Effect.runPromise(emulator.resetCounters)
}
const connection = () => ({ apiKey: emulator.openai.apiKey, baseUrl: emulator.openai.baseUrl })
const collect = async <A>(iterable: AsyncIterable<A>) => {
  const out: Array<A> = []
  for await (const item of iterable) out.push(item)
  return out
}
const failure = async (iterable: AsyncIterable<unknown>): Promise<unknown> => {
  try {
    await collect(iterable)
  } catch (error) {
    return error
  }
  throw new Error("the listing did not fail")
}

/** The same listing through the Effect API: the definition's source, configured from the emulator's env. */
const effectListing = (env: Readonly<Record<string, string>>, pageSize?: number) =>
  Effect.runPromise(
    Effect.flatMap(OpenAiProvider.definition.source({ pageSize }), (source) => Stream.runCollect(source.list())).pipe(
      Effect.map((chunk) => [...chunk].map(AsyncInvites.toPlain)),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
      Effect.provide(NodeHttpClient.layerUndici)
    )
  )

describe("listInvites (@invitekit/openai/promise)", () => {
  it("lists exactly what the Effect API lists, as plain objects with Dates", async () => {
    await fresh()
    const invites = await collect(listInvites({ ...connection(), pageSize: 7 }))
    expect(invites).toEqual(await effectListing(emulator.env, 7))
    expect(invites).toHaveLength(30)
    expect(invites[0]!.invitedAt).toBeInstanceOf(Date)
    expect(Object.getPrototypeOf(invites[0])).toBe(Object.prototype)
    expect((await counters()).requests).toBe(5 + 5) // ceil(30 / 7) for each listing
  })

  it("fetches a page only when the loop asks: break after the first invite sends no further request", async () => {
    await fresh()
    let seen = 0
    for await (const _ of listInvites({ ...connection(), pageSize: 10 })) {
      seen++
      break
    }
    expect(seen).toBe(1)
    expect((await counters()).requests).toBe(1)
    await vi.waitFor(async () => expect((await counters()).inFlight).toBe(0), { timeout: 10_000 })
    expect((await counters()).requests).toBe(1)
  })

  it("aborting mid-listing rejects with an AbortError and cancels the request in flight", async () => {
    await fresh()
    // The second page never answers: only the cancellation can end its request before the 60 s timeout.
    await Effect.runPromise(emulator.setFaults("openai", { script: [null, { _tag: "Hang" }] }))
    const controller = new AbortController()
    const iterator = listInvites({ ...connection(), pageSize: 10, timeout: 60_000, signal: controller.signal })[
      Symbol.asyncIterator
    ]()
    for (let i = 0; i < 10; i++) expect((await iterator.next()).done).toBe(false)
    const hanging = iterator.next()
    await vi.waitFor(async () => expect((await counters()).inFlight).toBe(1), { timeout: 10_000 })
    controller.abort()
    await expect(hanging).rejects.toMatchObject({ name: "AbortError" })
    await vi.waitFor(async () => expect((await counters()).inFlight).toBe(0), { timeout: 10_000 })
    expect((await counters()).requests).toBe(2)
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" })
  })

  it("an already aborted signal sends no request", async () => {
    await fresh()
    const error = await failure(listInvites({ ...connection(), signal: AbortSignal.abort() }))
    expect(error).toMatchObject({ name: "AbortError" })
    expect((await counters()).requests).toBe(0)
  })

  it("lists several accounts concurrently, each invite tagged with its account", async () => {
    await fresh()
    const invites = await collect(listInvites({ accounts: [{ name: "a", ...connection() }, { name: "b", ...connection() }] }))
    const ids = emulator.invites("openai").map((invite) => (invite as { id: string }).id)
    for (const name of ["a", "b"]) {
      expect(invites.filter((invite) => invite.account === name).map((invite) => invite.id)).toEqual(ids)
    }
  })

  describe("errors are InviteKitError subclasses with the Effect error's tag, provider, account and message", () => {
    const cases: ReadonlyArray<{
      readonly name: string
      readonly options: () => AsyncInvites.Options
      readonly fault?: Parameters<typeof emulator.setFaults>[1]
      readonly type: new(...args: Array<never>) => InviteKitError
      readonly fields: Record<string, unknown>
    }> = [
      {
        name: "a page size out of range",
        options: () => ({ ...connection(), pageSize: 0 }),
        type: ConfigError,
        fields: { tag: "ConfigError", variable: "pageSize" }
      },
      {
        name: "no key given and none in the environment",
        options: () => ({ baseUrl: emulator.openai.baseUrl }),
        type: ConfigError,
        fields: { tag: "ConfigError", variable: "OPENAI_ADMIN_KEY" }
      },
      {
        name: "a timeout that is not milliseconds",
        options: () => ({ ...connection(), timeout: -1 }),
        type: ConfigError,
        fields: { tag: "ConfigError", variable: "timeout" }
      },
      {
        name: "a refused key",
        options: () => ({ ...connection(), apiKey: "sk-admin-WRONGx8Jd3kQ9mZ2vL5tR7nB4cY6hopenai", account: "acme" }),
        type: AuthenticationError,
        fields: { tag: "AuthenticationError", variable: "apiKey", status: 401, account: "acme" }
      },
      {
        name: "a rejected request",
        options: connection,
        fault: { script: [{ _tag: "UnexpectedStatus", status: 400 }] },
        type: InvalidRequestError,
        fields: { tag: "InvalidRequestError", status: 400 }
      },
      {
        name: "retries running out",
        options: () => ({ ...connection(), maxRetries: 0 }),
        fault: { script: [{ _tag: "ServerError", status: 503 }] },
        type: ProviderUnavailableError,
        fields: { tag: "ProviderUnavailableError", attempts: 1 }
      },
      {
        name: "an invalid response",
        options: connection,
        fault: { script: [{ _tag: "WrongType" }] },
        type: InvalidResponseError,
        fields: { tag: "InvalidResponseError" }
      }
    ]
    it.each(cases)("$name → $fields.tag", async ({ options, fault, type, fields }) => {
      await fresh()
      if (fault !== undefined) await Effect.runPromise(emulator.setFaults("openai", fault))
      const error = await failure(listInvites(options()))
      expect(error).toBeInstanceOf(type)
      expect(error).toBeInstanceOf(InviteKitError)
      expect(error).toBeInstanceOf(Error)
      expect(error).toMatchObject({ provider: "openai", account: "openai", name: fields.tag, ...fields })
      const text = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error)].join("\n")
      for (const secret of [...forms(SECRET), ...forms("sk-admin-WRONGx8Jd3kQ9mZ2vL5tR7nB4cY6hopenai")]) {
        expect(text.includes(secret), `shows ${secret}`).toBe(false)
      }
    })
  })

  it("never shows the key a hostile server echoes in its error body", async () => {
    const server = createServer((req, res) => {
      const sent = String(req.headers.authorization)
      res.writeHead(400, { "content-type": "application/json" }).end(
        JSON.stringify({ error: { message: `bad credentials ${sent} (${Buffer.from(sent).toString("base64")})` } })
      )
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
      const error = await failure(listInvites({ apiKey: SECRET, baseUrl }))
      expect(error).toBeInstanceOf(InvalidRequestError)
      const text = [String(error), (error as Error).stack, JSON.stringify(error), inspect(error)].join("\n")
      expect(text).toContain("<redacted>")
      for (const secret of forms(SECRET)) expect(text.includes(secret), `shows ${secret}`).toBe(false)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it("the README's example runs unmodified against the emulator, from its environment", async () => {
    await fresh()
    const example = fileURLToPath(new URL("../examples/promise.mjs", import.meta.url))
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
    expect(readme).toContain(readFileSync(example, "utf8").trim())
    const { stdout } = await promisify(execFile)(process.execPath, [example], {
      env: { PATH: process.env.PATH ?? "", ...emulator.env },
      cwd: fileURLToPath(new URL("..", import.meta.url))
    })
    const ids = stdout.trim().split("\n").map((line) => line.split("\t")[0])
    expect(ids).toEqual((await effectListing(emulator.env)).map((invite) => invite.id))
  })
})

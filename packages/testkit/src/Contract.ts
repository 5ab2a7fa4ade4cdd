/**
 * The behaviours every provider must show against the emulator, written once and run for each definition:
 * a provider package's test calls `Contract.run(<P>Provider.definition, { count, pageSize })`, and keeps only
 * its own quirks' tests. Everything goes through the definition, as the CLI uses it: `source()` configured by
 * the environment the emulator prints.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, layer } from "@effect/vitest"
import type * as InviteSource from "@invitekit/core/InviteSource"
import type * as ProviderDefinition from "@invitekit/core/ProviderDefinition"
import * as ProviderError from "@invitekit/core/ProviderError"
import { Emulator } from "@invitekit/emulator"
import type * as Faults from "@invitekit/emulator/Faults"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Emulated from "./Emulated.js"
import * as Settings from "./Settings.js"

export interface Options {
  /** Invites the emulator serves (Openlayer: per workspace). Pick one that is not a multiple of `pageSize`. */
  readonly count: number
  /** The page size the listings ask for: small enough for several pages. */
  readonly pageSize: number
  /**
   * Pages a listing fetches at once after the first (Portkey's offset pages). Default 1: the provider walks its
   * pages one after the other, so a failing page comes right after the invites of the pages before it.
   */
  readonly concurrency?: number | undefined
  /**
   * The provider's own broken pages, served second: a title, the fault, the field path the error must name (`""`
   * for the body as a whole) and a part of its reason. Each ends like the hostile bodies every provider gets.
   */
  readonly invalidPages?: ReadonlyArray<InvalidPage> | undefined
}

/**
 * A broken page a provider must refuse: title, fault, the field path named, a part of the reason.
 */
export type InvalidPage = readonly [title: string, fault: Faults.Fault, path: string | undefined, reason: string]

/**
 * The broken walks a last-id cursor API (OpenAI, Anthropic) must refuse rather than loop or repeat.
 */
export const lastIdCursorFaults: ReadonlyArray<InvalidPage> = [
  ["a repeated cursor", { _tag: "RepeatCursor" }, "", "does not advance"],
  ["a cursor pointing back at an earlier invite", { _tag: "CursorBackwards" }, "last_id", "is not the id of"],
  ["has_more with an empty page", { _tag: "EmptyPageWithMore" }, "", "empty page"]
]

const WRONG_KEY = "wrong-key-0123456789abcdefghijklmnopqrstuvwxyz"

export const run = (definition: ProviderDefinition.ProviderDefinition, options: Options): void => {
  const name = Emulated.name(definition)
  const concurrency = options.concurrency ?? 1
  const emulator = Layer.mergeAll(
    Emulator.layer({ seed: 17, counts: { [name]: options.count } }),
    NodeHttpClient.layerUndici,
    Settings.layer
  )

  /** The emulator with no faults and zeroed counters, once the requests of an earlier test have finished. */
  const fresh = Effect.gen(function*() {
    const handle = yield* Emulator.Emulator
    yield* handle.clearFaults()
    yield* Effect.repeat(handle.counters(name), {
      until: (counters) => counters.inFlight === 0,
      schedule: Schedule.spaced("5 millis"),
      times: 400
    })
    yield* handle.resetCounters
    return { handle, expected: Emulated.servedIds(handle, definition) }
  })

  const requests = Effect.flatMap(Emulator.Emulator, (handle) => handle.counters(name)).pipe(
    Effect.map((counters) => counters.requests)
  )

  /** The definition's source, configured by the emulator's environment (with overrides). */
  const source = (overrides: Readonly<Record<string, string | undefined>> = {}, pageSize = options.pageSize) =>
    Effect.flatMap(Emulator.Emulator, (handle) =>
      definition.source({ pageSize }).pipe(
        Effect.withConfigProvider(Emulated.configProvider(handle, definition, overrides))
      ))

  /** Lists to the end or to the first failure, keeping the ids emitted before it. */
  const listing = (
    source: InviteSource.InviteSource,
    take?: number
  ): Effect.Effect<{ readonly ids: Array<string>; readonly error: ProviderError.ProviderError | undefined }> =>
    Effect.gen(function*() {
      const ids: Array<string> = []
      const stream = take === undefined ? source.list() : Stream.take(source.list(), take)
      const error = yield* Stream.runForEach(stream, (invite) => Effect.sync(() => ids.push(invite.id))).pipe(
        Effect.as(undefined),
        Effect.catchAll((error) => Effect.succeed(error))
      )
      return { ids, error }
    })

  /** How many requests a whole listing takes without faults (measured once per test, from a clean emulator). */
  const baseline = Effect.gen(function*() {
    yield* fresh
    const { error } = yield* listing(yield* source())
    expect(error).toBeUndefined()
    const count = yield* requests
    yield* fresh
    return count
  })

  layer(emulator, { excludeTestServices: true })(`${definition.displayName}: the provider contract`, (it) => {
    it.effect("lists every invite exactly once, in the API's order, over several pages", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        expect(expected.length).toBeGreaterThan(options.pageSize * 2)
        const { error, ids } = yield* listing(yield* source())
        expect(error).toBeUndefined()
        expect(ids).toEqual(expected)
        expect(yield* requests).toBeGreaterThanOrEqual(Math.ceil(expected.length / options.pageSize))
      }))

    it.effect("tags every invite with the provider, and with the account it was listed as", () =>
      Effect.gen(function*() {
        yield* fresh
        const handle = yield* Emulator.Emulator
        const named = yield* definition.source({ pageSize: options.pageSize, account: "acme-prod" }).pipe(
          Effect.withConfigProvider(Emulated.configProvider(handle, definition))
        )
        expect([named.provider, named.account]).toEqual([definition.name, "acme-prod"])
        const invites = Chunk.toArray(yield* Stream.runCollect(Stream.take(named.list(), 3)))
        expect(invites.map((invite) => [invite.provider, invite.account])).toEqual(
          Array(3).fill([definition.name, "acme-prod"])
        )
      }))

    it.effect("applies the status / role / e-mail filter, ignoring case", () =>
      Effect.gen(function*() {
        const { handle } = yield* fresh
        const served = handle.invites(name) as ReadonlyArray<{ id: string; email: string; role: string; status: string }>
        const listed = yield* source()
        const ids = (filter: InviteSource.Filter) =>
          Effect.map(Stream.runCollect(listed.list(filter)), (chunk) => Chunk.toArray(chunk).map((invite) => invite.id))
        const pending = served.filter((invite) => invite.status === "pending").map((invite) => invite.id)
        expect(pending.length).toBeGreaterThan(0)
        expect(yield* ids({ status: "PENDING" })).toEqual(pending)
        const target = served[Math.floor(served.length / 2)]!
        expect(yield* ids({ email: target.email.toUpperCase(), role: target.role.toLowerCase() })).toEqual(
          served.filter((invite) =>
            invite.email.toLowerCase() === target.email.toLowerCase() &&
            invite.role.toLowerCase() === target.role.toLowerCase()
          ).map((invite) => invite.id)
        )
      }))

    it.effect("Stream.take(n) within the first page makes exactly one request", () =>
      Effect.gen(function*() {
        const { expected } = yield* fresh
        const { ids } = yield* listing(yield* source(), 2)
        expect(ids).toEqual(expected.slice(0, 2))
        expect(yield* requests).toBe(1)
      }))

    it.effect("resumes after a 429, waiting as long as Retry-After says, without repeating an invite", () =>
      Effect.gen(function*() {
        const pages = yield* baseline
        const handle = yield* Emulator.Emulator
        const expected = Emulated.servedIds(handle, definition)
        yield* handle.setFaults(name, { script: [null, { _tag: "RateLimit", retryAfterSeconds: 1 }] })
        const started = Date.now()
        const { error, ids } = yield* listing(yield* source())
        // The back-off alone would be a few ms: only Retry-After explains a wait of a second.
        expect(Date.now() - started).toBeGreaterThanOrEqual(950)
        expect(error).toBeUndefined()
        expect(ids).toEqual(expected)
        expect(yield* requests).toBe(pages + 1)
      }))

    const recoverable: ReadonlyArray<readonly [string, ReadonlyArray<Faults.Fault>]> = [
      ["a 429 with retry-after-ms", [{ _tag: "RateLimit", retryAfterMs: 20 }]],
      ["a 500 then a 503", [{ _tag: "ServerError", status: 500 }, { _tag: "ServerError", status: 503 }]],
      ["an HTML 502 from a proxy", [{ _tag: "HtmlBadGateway" }]],
      ["a connection reset mid-body", [{ _tag: "ResetMidBody" }]],
      ["a body cut short of its Content-Length", [{ _tag: "TruncatedBody" }]],
      ["a request that never answers (timeout)", [{ _tag: "Hang" }]]
    ]
    it.effect.each(recoverable)("resumes after %s on the second request, without repeating or skipping", ([, faults]) =>
      Effect.gen(function*() {
        const pages = yield* baseline
        const handle = yield* Emulator.Emulator
        const expected = Emulated.servedIds(handle, definition)
        yield* handle.setFaults(name, { script: [null, ...faults] })
        const { error, ids } = yield* listing(yield* source()).pipe(
          // A short timeout for the hanging request; the others never come near it, even on a loaded machine
          // (the exact request count below would count a slow loopback answer as a fault).
          Effect.provide(Settings.layerWith({ timeout: Duration.seconds(1) }))
        )
        expect(error).toBeUndefined()
        expect(ids).toEqual(expected)
        expect(yield* requests).toBe(pages + faults.length)
      }))

    it.effect("gives up with ProviderUnavailableError once the retries run out, naming the attempts", () =>
      Effect.gen(function*() {
        yield* fresh
        const handle = yield* Emulator.Emulator
        const attempts = (Settings.fast.retry?.maxRetries ?? 0) + 1
        yield* handle.setFaults(name, { script: Array(attempts).fill({ _tag: "ServerError", status: 503 }) })
        const { error, ids } = yield* listing(yield* source())
        expect(error).toBeInstanceOf(ProviderError.ProviderUnavailableError)
        expect(error?.message).toContain(`failed ${attempts} attempts`)
        expect(ids).toEqual([])
        expect(yield* requests).toBe(attempts)
      }))

    it.effect(`401 → AuthenticationError naming ${definition.variables.key}, never the key, not retried`, () =>
      Effect.gen(function*() {
        const { handle } = yield* fresh
        const { error } = yield* listing(yield* source({ [definition.variables.key]: WRONG_KEY }))
        expect(error).toBeInstanceOf(ProviderError.AuthenticationError)
        if (error?._tag !== "AuthenticationError") return
        expect([error.status, error.variable, error.provider]).toEqual([401, definition.variables.key, definition.name])
        expect(error.message).toContain(definition.variables.key)
        const goodKey = handle.env[definition.variables.key]!
        for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
          expect(text).not.toContain(WRONG_KEY)
          expect(text).not.toContain(goodKey)
        }
        expect(yield* requests).toBe(1)
      }))

    it.effect("keeps the base URL's path prefix, with or without a trailing slash", () =>
      Effect.gen(function*() {
        const { expected, handle } = yield* fresh
        const baseUrl = handle.env[definition.variables.baseUrl]!
        expect(new URL(baseUrl).pathname).not.toBe("/")
        const withSlash = yield* listing(yield* source({ [definition.variables.baseUrl]: `${baseUrl}/` }))
        expect(withSlash.error).toBeUndefined()
        expect(withSlash.ids).toEqual(expected)
        // Without the prefix every path misses: the emulator answers 404, as a proxy's root would.
        const withoutPrefix = yield* listing(yield* source({ [definition.variables.baseUrl]: new URL(baseUrl).origin }))
        expect(withoutPrefix.error).toBeInstanceOf(ProviderError.InvalidRequestError)
        expect(withoutPrefix.ids).toEqual([])
      }))

    it.effect(`a page size outside ${definition.pageSizes.min}–${definition.pageSizes.max} is refused before any request`, () =>
      Effect.gen(function*() {
        yield* fresh
        for (const size of [definition.pageSizes.max + 1, 0, 2.5]) {
          const { error } = yield* listing(yield* source({}, size))
          expect(error).toBeInstanceOf(ProviderError.ConfigError)
          expect(error?.message).toContain(`from ${definition.pageSizes.min} to ${definition.pageSizes.max}`)
        }
        expect(yield* requests).toBe(0)
      }))

    describe("hostile bodies end in InvalidResponseError after the invites before them, and are not retried", () => {
      const hostile: ReadonlyArray<InvalidPage> = [
        ["a body that is not JSON", { _tag: "InvalidJson" }, "", "not valid JSON"],
        ["an HTML login page with status 200", { _tag: "HtmlOk" }, "", "content type"],
        ["a number where an e-mail belongs", { _tag: "WrongType" }, undefined, "Expected"],
        ["a 1 MiB string", { _tag: "LongString", length: 1024 * 1024 }, undefined, "characters"],
        ...(options.invalidPages ?? [])
      ]
      it.effect.each(hostile)("%s on the second page", ([, fault, path, reason]) =>
        Effect.gen(function*() {
          const pages = concurrency === 1 ? 0 : yield* baseline
          const { expected } = yield* fresh
          const handle = yield* Emulator.Emulator
          yield* handle.setFaults(name, { script: [null, fault] })
          const { error, ids } = yield* listing(yield* source())
          expect(error).toBeInstanceOf(ProviderError.InvalidResponseError)
          expect(error?.message).toContain(reason)
          if (error?._tag === "InvalidResponseError" && path !== undefined) {
            expect(error.path).toBe(path)
            if (path !== "") expect(error.message).toContain(path)
          }
          if (concurrency === 1) {
            expect(ids).toEqual(expected.slice(0, options.pageSize))
            // Page 2 is not retried: a retry would be served and the listing would go on. A body whose envelope
            // names the next cursor gets page 3 requested while it decodes (then cancelled): at most one more.
            const made = yield* requests
            expect(made).toBeGreaterThanOrEqual(2)
            expect(made).toBeLessThanOrEqual(3)
          } else {
            // Pages in flight at once may fail before the first page's invites are taken: never a wrong one, and
            // no page asked for twice (the broken one is not retried).
            expect(ids).toEqual(expected.slice(0, ids.length))
            expect(ids.length).toBeLessThanOrEqual(options.pageSize)
            expect(yield* requests).toBeLessThanOrEqual(pages)
          }
        }))
    })
  })
}

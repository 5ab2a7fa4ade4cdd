/**
 * What the reliability tests share: checking that stdout holds only whole, real, unrepeated invites; counting
 * the faults the emulator injected; and the forms of a key that must never be printed.
 */
import type * as Invite from "@invitekit/core/Invite"
import type { ProviderName as Provider } from "@invitekit/emulator/Emulator"
import * as Faults from "@invitekit/emulator/Faults"
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { expect } from "vitest"
import {
  bin,
  counters,
  expected,
  type Handle,
  parseNdjson,
  type Result,
  runBundle,
  type RunOptions
} from "../helpers.js"

/**
 * A private copy of the bundle, taken once per test file: another vitest run (watch mode, a second terminal)
 * rebuilds dist/ from scratch, and a child started while its chunks are deleted would fail for no reason of its
 * own. The copy is checked whole (every chunk a file imports is there) before it is used.
 */
const snapshot = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "invitekit-bundle-"))
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }))
  const chunks = join(dirname(bin), "chunks")
  const complete = () =>
    [join(dir, "invitekit.mjs"), ...readdirSync(join(dir, "chunks")).map((name) => join(dir, "chunks", name))].every(
      (file) =>
        [...readFileSync(file, "utf8").matchAll(/["'`]\.\/(?:chunks\/)?([\w-]+\.mjs)["'`]/g)].every(([, name]) =>
          existsSync(join(dir, "chunks", name!))
        )
    )
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      rmSync(join(dir, "chunks"), { recursive: true, force: true })
      mkdirSync(join(dir, "chunks"))
      copyFileSync(bin, join(dir, "invitekit.mjs"))
      for (const name of readdirSync(chunks)) copyFileSync(join(chunks, name), join(dir, "chunks", name))
      if (complete()) return join(dir, "invitekit.mjs")
    } catch {
      // a rebuild is under way: try again
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
  }
  throw new Error(`could not copy a complete bundle from ${dirname(bin)}`)
}

let snapshotBin: string | undefined

/** Runs the bundled CLI as a child process, like helpers.run, from this file's copy of the bundle. */
export const run = (args: ReadonlyArray<string>, options: RunOptions = {}): Promise<Result> =>
  runBundle(snapshotBin ??= snapshot(), args, options)

/**
 * Parses stdout as ndjson (failing on a partial line) and checks every invite is one the emulator serves,
 * exactly as it serves it, printed once, in the provider's own order (a listing cut short prints a part of the
 * list, in order: usually its start). Returns the invites.
 */
export const checkPrinted = (
  handle: Handle,
  providers: ReadonlyArray<Provider>,
  stdout: string
): ReadonlyArray<Invite.Encoded> => {
  const invites = parseNdjson(stdout)
  const keys = invites.map((invite) => `${invite.provider}/${invite.id}`)
  expect(new Set(keys).size, "an invite was printed twice").toBe(keys.length)
  for (const invite of invites) expect(providers).toContain(invite.provider)
  for (const provider of providers) {
    const list = expected(handle, provider)
    const position = new Map(list.map((invite, index) => [invite.id, index]))
    let previous = -1
    for (const invite of invites.filter((invite) => invite.provider === provider)) {
      const index = position.get(invite.id)
      expect(index, `${provider}: printed ${invite.id}, which the emulator does not serve`).toBeDefined()
      expect(invite, `${provider}: printed ${invite.id} otherwise than served`).toEqual(list[index!])
      expect(index!, `${provider}: printed ${invite.id} out of the list's order`).toBeGreaterThan(previous)
      previous = index!
    }
  }
  return invites
}

/** Every provider's invites printed exactly, in its own order: none lost, none repeated, none invented. */
export const expectComplete = (handle: Handle, providers: ReadonlyArray<Provider>, stdout: string) => {
  const invites = checkPrinted(handle, providers, stdout)
  for (const provider of providers) {
    expect(invites.filter((invite) => invite.provider === provider).map((invite) => invite.id), provider).toEqual(
      expected(handle, provider).map((invite) => invite.id)
    )
  }
}

/**
 * The faults a plan injected into a provider's first `requests` requests: the emulator draws them in request
 * order from the plan alone, so replaying the plan for as many requests yields exactly the same faults.
 */
export const injected = (provider: Provider, plan: Faults.Plan, requests: number) => {
  const injector = new Faults.Injector(provider, plan)
  const byKind: Record<string, number> = {}
  let total = 0
  for (let i = 0; i < requests; i++) {
    const fault = injector.next()
    if (fault === null) continue
    total++
    const kind = fault._tag === "ServerError" ? `ServerError ${fault.status ?? 503}` : fault._tag
    byKind[kind] = (byKind[kind] ?? 0) + 1
  }
  return { total, byKind }
}

/**
 * Waits until no request of these providers is in flight at the emulator (the client closed them all). The
 * emulator sees a closed connection some time after the child exits: polled, never a fixed wait; the deadline
 * is generous (a loaded machine is slow, and a passing test does not wait for it).
 */
export const settled = async (handle: Handle, providers: ReadonlyArray<Provider>, withinMs = 10_000) => {
  const deadline = Date.now() + withinMs
  for (;;) {
    const inFlight = await Promise.all(providers.map(async (provider) => (await counters(handle, provider)).inFlight))
    if (inFlight.every((n) => n === 0) || Date.now() > deadline) return inFlight
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * A key and what a careless program could print of it: as is, as a header value, base64 (plain and URL-safe),
 * URL-encoded, and its distinctive middle (a truncated key is still a leak).
 */
export const forms = (key: string): ReadonlyArray<string> => [
  key,
  `Bearer ${key}`,
  Buffer.from(key).toString("base64"),
  Buffer.from(key).toString("base64url"),
  Buffer.from(`:${key}`).toString("base64"),
  encodeURIComponent(key),
  key.slice(8, -4)
]

/** Distinctive keys, unlike any default, each with a unique middle to search for. */
export const secretKeys: Readonly<Record<Provider, string>> = {
  openai: "sk-admin-Q7vX2mLpR9tW4nZk8bYc3dHf6jGs1aEuopenai",
  anthropic: "sk-ant-admin01-M4rT8wKq2zLx6vNp9cBy3hJf7dGsanthropic",
  portkey: "pk-live-Z3nB7xQm1vKt5wRp9LcY2hDf8gJsportkey",
  openlayer: "ol-live-H6pW2kRz9tXm4vQn7bLc1yJf5dGsopenlayer"
}

/**
 * A hostile server on loopback that sends back the key it was sent, the way a debugging proxy or a careless API
 * might. Its base URL for a provider is `${url}/${mode}/${provider}`, the mode one of:
 * - `error`: a 400 whose message (in every provider's error shape) holds the key, as sent and base64-encoded;
 * - `field`: a 200 with the key where the list belongs (the decoder names what it found);
 * - `redirect`: a 302 to a login page with the key in the query;
 * - `link`: a 200 with `items` holding `invite` and an `x-next` link carrying the key (Openlayer).
 */
export const startEchoServer = async (invite: unknown) => {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    const [, mode, provider] = url.pathname.split("/")
    const sent = String(req.headers["authorization"] ?? req.headers["x-api-key"] ?? req.headers["x-portkey-api-key"])
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body))
    const message = `invalid request with credentials ${sent} (base64 ${Buffer.from(sent).toString("base64")})`
    switch (mode) {
      case "error":
        return json(400, {
          type: "error",
          error: provider === "openlayer" ? message : { type: "invalid_request_error", message },
          success: false,
          data: { message }
        })
      case "field":
        return json(200, { object: "list", data: sent, items: sent, has_more: sent, total: 1 })
      case "redirect":
        return res.writeHead(302, { location: `https://login.example.invalid/?token=${encodeURIComponent(sent)}` }).end()
      case "link":
        return json(200, { items: [invite] }, { "x-next": `${url.pathname}?page=2&perPage=1&token=${encodeURIComponent(sent)}` })
      default:
        return json(404, {})
    }
  }
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

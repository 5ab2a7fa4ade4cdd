import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Duration, Effect, Redacted } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it } from "vitest"
import { ProviderHttp, ProviderSettings } from "../src/index.js"

const KEY = "sk-secret-key-delete-0987654321"

/** A loopback server answering each request with the next handler of a script (the last one repeats). */
const serve = async (script: ReadonlyArray<(req: IncomingMessage, res: ServerResponse) => void>) => {
  let served = 0
  const methods: Array<string> = []
  const server = createServer((req, res) => {
    methods.push(req.method ?? "")
    script[Math.min(served++, script.length - 1)]!(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, methods }
}
const servers: Array<ReturnType<typeof createServer>> = []
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => (_: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(body))
}
/** Drops the connection without a status line: the client cannot know whether the server acted. */
const dropped = (req: IncomingMessage) => req.socket.destroy()

const del = (baseUrl: string) =>
  Effect.runPromise(
    ProviderHttp.make({
      provider: "openai",
      baseUrl,
      baseUrlVariable: "OPENAI_BASE_URL",
      auth: { header: "authorization", scheme: "Bearer", key: Redacted.make(KEY), variable: "OPENAI_ADMIN_KEY" },
      settings: {
        timeout: Duration.seconds(5),
        retry: { ...ProviderSettings.defaults.retry, initialDelay: Duration.millis(5), maxDelay: Duration.millis(20) }
      }
    }).pipe(
      Effect.flatMap((http) => Effect.either(http.delete("/organization/invites/invite-1"))),
      Effect.provide(FetchHttpClient.layer)
    )
  )

describe("ProviderHttp.delete retries only where repeating cannot do harm", () => {
  it("a connection dropped before any answer is sent again; a 404 then tells the caller it took two attempts", async () => {
    const server = await serve([dropped, answer(404, { error: { message: "No invite found" } })])
    const result = await del(server.url)
    expect(result).toMatchObject({ _tag: "Right", right: { status: 404, attempts: 2 } })
    expect(server.methods).toEqual(["DELETE", "DELETE"])
  })

  it("a 429 and a 5xx with Retry-After are retried", async () => {
    const server = await serve([
      answer(429, {}, { "retry-after-ms": "5" }),
      answer(503, {}, { "retry-after": "0" }),
      answer(200, { deleted: true })
    ])
    expect(await del(server.url)).toMatchObject({ _tag: "Right", right: { status: 200, attempts: 3 } })
  })

  it("a bare 5xx is not retried: the server may have deleted and then failed", async () => {
    const server = await serve([answer(500, { error: { message: "oops" } }), answer(200, {})])
    const result = await del(server.url)
    expect(result).toMatchObject({ _tag: "Left", left: { _tag: "ProviderUnavailableError", attempts: 1 } })
    expect(server.methods).toEqual(["DELETE"])
  })

  it("a 4xx is the caller's answer with the provider's message, never retried, and the key never shows", async () => {
    const server = await serve([answer(400, { error: { message: `Cannot delete an accepted invite ${KEY}` } })])
    const result = await del(server.url)
    expect(result._tag).toBe("Right")
    expect(JSON.stringify(result)).not.toContain(KEY)
    expect(server.methods).toEqual(["DELETE"])
  })
})

/**
 * ProviderHttp against hostile servers, over the global `fetch` the CLI uses (`FetchHttpClient`): answers a
 * retry cannot change are not retried, and every failure is a typed `ProviderError`.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { expect, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Redacted, Tracer } from "effect"
import * as Schema from "effect/Schema"
import { ProviderHttp, ProviderSettings } from "../src/index.js"
import { layer as serverLayer, TestServer } from "./fixtures/TestServer.js"

const KEY = "sk-hostile-test-key-8d1f0c2b7a"
const Body = Schema.Struct({ data: Schema.Array(Schema.Struct({ id: Schema.String })) })

const make = (baseUrl: string) =>
  ProviderHttp.make({
    provider: "openai",
    baseUrl,
    baseUrlVariable: "OPENAI_BASE_URL",
    auth: { header: "authorization", scheme: "Bearer", key: Redacted.make(KEY), variable: "OPENAI_ADMIN_KEY" },
    settings: {
      timeout: Duration.seconds(2),
      retry: { ...ProviderSettings.defaults.retry, maxRetries: 3, initialDelay: 1, maxDelay: 5 }
    }
  })

layer(Layer.merge(serverLayer, FetchHttpClient.layer), { excludeTestServices: true })(
  "ProviderHttp over fetch, against hostile servers",
  (it) => {
    it.effect.each([204, 205])("%i without a body → InvalidResponseError naming the status, not retried", (status) =>
      Effect.gen(function*() {
        const server = yield* TestServer
        server.handle((_req, res) => res.writeHead(status).end())
        const http = yield* make(server.url)
        const error = yield* Effect.flip(http.get(Body, "/x"))
        expect(error._tag).toBe("InvalidResponseError")
        expect(error.message).toContain(`unexpected HTTP status ${status}`)
        expect(server.seen.length).toBe(1)
      }))

    it.effect("a 200 with an empty body → InvalidResponseError, not retried", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        server.handle((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end())
        const http = yield* make(server.url)
        const error = yield* Effect.flip(http.get(Body, "/x"))
        expect(error._tag).toBe("InvalidResponseError")
        expect(error.message).toContain("the body is empty")
        expect(server.seen.length).toBe(1)
      }))

    const long = "x".repeat(1024 * 1024 - "@example.com".length) + "@example.com"
    it.effect.each([
      ["a 1 MiB value in a field the schema reads", { data: [{ id: "a" }, { id: long }] }, "data[1].id", "a string of 1048576 characters"],
      ["a 1 MiB value in a field the schema ignores", { data: [{ id: "a", note: long }] }, "data[0].note", "a string of 1048576 characters"],
      ["a 1 MiB key", { data: [{ id: "a", [long]: 1 }] }, "data[0]", "a key of 1048576 characters"]
    ] as const)("%s → InvalidResponseError naming where, not retried", ([, body, path, reason]) =>
      Effect.gen(function*() {
        const server = yield* TestServer
        server.handle((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)))
        const http = yield* make(server.url)
        const error = yield* Effect.flip(http.get(Body, "/x"))
        expect(error).toMatchObject({ _tag: "InvalidResponseError", path })
        expect(error.message).toContain(reason)
        expect(error.message).toContain("the longest accepted is 10000")
        expect(error.message.length).toBeLessThan(500)
        expect(server.seen.length).toBe(1)
      }))

    it.effect("strings up to 10,000 characters are accepted as sent", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        const id = "y".repeat(10_000)
        server.handle((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: [{ id }] })))
        const http = yield* make(server.url)
        expect((yield* http.get(Body, "/x")).body.data[0]!.id).toBe(id)
      }))

    const b64 = Buffer.from(KEY).toString("base64").replace(/=+$/, "")
    const echoes: ReadonlyArray<readonly [string, (sent: string, res: any) => void, string]> = [
      ["in a 400's error message", (sent, res) =>
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: `bad key ${sent}` } })),
        "InvalidRequestError"],
      ["base64-encoded in a 404's body", (sent, res) =>
        res.writeHead(404, { "content-type": "text/plain" }).end(`no such thing for ${Buffer.from(sent.slice(7)).toString("base64")}`),
        "InvalidRequestError"],
      ["in a field of a 200", (sent, res) =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: sent })),
        "InvalidResponseError"],
      ["URL-encoded in a redirect's Location", (sent, res) =>
        res.writeHead(302, { location: `https://login.example.invalid/?t=${encodeURIComponent(sent.slice(7))}` }).end(),
        "InvalidResponseError"],
      ["in the content type of a 200", (sent, res) =>
        res.writeHead(200, { "content-type": `text/html; token=${sent.slice(7)}` }).end("<html/>"),
        "InvalidResponseError"]
    ]
    it.effect.each(echoes)("a key echoed back %s is blanked out of the error", ([, respond, tag]) =>
      Effect.gen(function*() {
        const server = yield* TestServer
        server.handle((req, res) => respond(String(req.headers["authorization"]), res))
        const http = yield* make(server.url)
        const error = yield* Effect.flip(http.get(Body, "/x"))
        expect(error._tag).toBe(tag)
        expect(error.message).toContain("<redacted>")
        for (const text of [error.message, String(error), JSON.stringify(error)]) {
          expect(text).not.toContain(KEY)
          expect(text).not.toContain(b64)
          expect(text).not.toContain(encodeURIComponent(KEY))
        }
      }))

    it.effect("a key echoed back in a response header never reaches a span attribute", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        server.handle((req, res) =>
          res.writeHead(200, { "content-type": "application/json", "x-echo": String(req.headers["authorization"]) })
            .end(JSON.stringify({ data: [] }))
        )
        const attributes: Array<string> = []
        const tracer = Tracer.make({
          span: (name, parent, context, links, startTime, kind) => ({
            _tag: "Span", name, spanId: "s", traceId: "t", parent, context, links, sampled: true, kind,
            status: { _tag: "Started", startTime },
            attributes: new Map(),
            attribute: (key, value) => void attributes.push(`${key}=${String(value)}`),
            event: () => {},
            addLinks: () => {},
            end: () => {}
          }),
          context: (f) => f()
        })
        const http = yield* make(server.url)
        yield* http.get(Body, "/x").pipe(Effect.withTracer(tracer))
        expect(attributes).toContain("http.response.header.x-echo=<redacted>")
        expect(attributes).toContain("http.request.header.authorization=<redacted>")
        expect(attributes.join("\n")).not.toContain(KEY)
      }))

    it.effect("a next-page link carrying the key is refused, not followed", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        const http = yield* make(server.url)
        const error = yield* Effect.flip(http.resolveLink(`/x?page=2&token=${KEY}`, "GET /x"))
        expect(error.message).toContain("the next-page link carries the key")
        expect(error.message).not.toContain(KEY)
        // A key-free link on the same origin is fine.
        expect(yield* http.resolveLink("/x?page=2", "GET /x")).toBe(`${server.url}/x?page=2`)
      }))
  }
)

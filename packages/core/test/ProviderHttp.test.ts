import "./fixtures/providers.js"
import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { describe, expect, it, layer } from "@effect/vitest"
import { Duration, Effect, Layer, Logger, LogLevel, Redacted, Tracer } from "effect"
import * as Schema from "effect/Schema"
import { BaseUrl, ProviderError, ProviderHttp, ProviderSettings } from "../src/index.js"
import { json, layer as serverLayer, TestServer } from "./fixtures/TestServer.js"

const KEY = "sk-secret-key-1234567890"
const Body = Schema.Struct({ data: Schema.Array(Schema.Struct({ id: Schema.String, n: Schema.Number })) })

// A 1 s timeout: the one test that hangs waits it out once, and the exact request counts the others assert hold
// on a loaded machine (a loopback answer later than 300 ms would have cost a retry no test expects).
const make = (baseUrl: string, overrides: Partial<ProviderHttp.Options> = {}) =>
  ProviderHttp.make({
    provider: "portkey",
    baseUrl,
    baseUrlVariable: "PORTKEY_BASE_URL",
    auth: { header: "x-portkey-api-key", key: Redacted.make(KEY), variable: "PORTKEY_API_KEY" },
    settings: { timeout: Duration.seconds(1), retry: { ...ProviderSettings.defaults.retry, initialDelay: Duration.millis(5), maxDelay: Duration.millis(20) } },
    ...overrides
  })

describe("BaseUrl.joinPath", () => {
  it("keeps the base URL's path prefix", () => {
    expect(BaseUrl.joinPath("http://host/prefix/v1", "/organization/invites")).toBe(
      "http://host/prefix/v1/organization/invites"
    )
    expect(BaseUrl.joinPath("http://host/prefix/v1/", "organization/invites")).toBe(
      "http://host/prefix/v1/organization/invites"
    )
    expect(BaseUrl.joinPath("https://api.anthropic.com", "/v1/organizations/invites")).toBe(
      "https://api.anthropic.com/v1/organizations/invites"
    )
  })
})

describe("ProviderHttp.make refuses unsafe or broken base URLs", () => {
  it.effect("refuses plain http to a non-loopback host, naming the override", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(make("http://api.example.invalid/v1"))
      expect(error).toBeInstanceOf(ProviderError.ConfigError)
      expect(error.variable).toBe("PORTKEY_BASE_URL")
      expect(error.message).toContain("--allow-insecure-http")
      expect(error.message).toContain("INVITEKIT_ALLOW_INSECURE_HTTP")
      expect(error.message).toContain("api.example.invalid")
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))

  it.effect("allows plain http to a non-loopback host when explicitly allowed", () =>
    Effect.gen(function*() {
      const http = yield* make("http://api.example.invalid/v1", { settings: { allowInsecureHttp: true } })
      expect(http.baseUrl).toBe("http://api.example.invalid/v1")
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))

  it.effect.each(["http://127.0.0.1:1/v1", "http://localhost:1", "http://[::1]:1/x", "https://api.example.invalid"])(
    "accepts %s",
    (url) => Effect.map(make(url), (http) => expect(http.baseUrl).toBe(url.replace(/\/$/, ""))).pipe(
      Effect.provide(NodeHttpClient.layerUndici)
    )
  )

  it.effect.each([
    ["not a url", "is not a valid URL"],
    ["ftp://example.invalid", "must be an http(s) URL"],
    ["https://user:pass@example.invalid", "must not contain credentials"],
    ["https://example.invalid/v1?x=1", "must not have a query"]
  ])("rejects %s", ([url, reason]) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(make(url!))
      expect(error.message).toContain(reason)
      expect(error.message).toContain("PORTKEY_BASE_URL")
    }).pipe(Effect.provide(NodeHttpClient.layerUndici)))
})

layer(Layer.merge(serverLayer, NodeHttpClient.layerUndici), { excludeTestServices: true })("ProviderHttp over a real socket", (it) => {
  it.effect("sends auth, user agent and accept headers to the joined URL with the query", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [{ id: "a", n: 1 }] }))
      const http = yield* make(`${server.url}/portkey/v1`, { headers: { "x-extra": "1" } })
      const reply = yield* http.get(Body, "/admin/users/invites", { pageSize: 100, email: "a+b@x.io", skip: undefined })
      expect(reply.body.data).toEqual([{ id: "a", n: 1 }])
      const [seen] = server.seen
      expect(seen!.url).toBe("/portkey/v1/admin/users/invites?pageSize=100&email=a%2Bb%40x.io")
      expect(seen!.headers["x-portkey-api-key"]).toBe(KEY)
      expect(seen!.headers["user-agent"]).toBe("invitekit/0.1.0")
      expect(seen!.headers["accept"]).toBe("application/json")
      expect(seen!.headers["x-extra"]).toBe("1")
    }))

  it.effect("sends a Bearer key when asked", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [] }))
      const http = yield* make(server.url, {
        auth: { header: "authorization", scheme: "Bearer", key: Redacted.make(KEY), variable: "OPENAI_ADMIN_KEY" }
      })
      yield* http.get(Body, "/x")
      expect(server.seen[0]!.headers["authorization"]).toBe(`Bearer ${KEY}`)
    }))

  it.effect("retries a 503 then succeeds", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res, i) => i < 3 ? json(res, 503, { error: "busy" }) : json(res, 200, { data: [] }))
      const http = yield* make(server.url)
      yield* http.get(Body, "/x")
      expect(server.seen.length).toBe(3)
    }))

  it.effect("honours retry-after-ms", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res, i) =>
        i === 1 ? json(res, 429, {}, { "retry-after-ms": "150" }) : json(res, 200, { data: [] })
      )
      const http = yield* make(server.url)
      const started = Date.now()
      yield* http.get(Body, "/x")
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
      expect(server.seen.length).toBe(2)
    }))

  it.effect("gives up after the retries with ProviderUnavailableError saying how many attempts", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>bad gateway</html>"))
      const http = yield* make(server.url, { settings: { retry: { ...ProviderSettings.defaults.retry, maxRetries: 2, initialDelay: 1, maxDelay: 1 } } })
      const error = yield* Effect.flip(http.get(Body, "/x"))
      expect(error._tag).toBe("ProviderUnavailableError")
      expect(server.seen.length).toBe(3)
      expect(error.message).toMatch(/failed 3 attempts over \d+ ms \(last: HTTP 502\)/)
    }))

  it.effect("times out an attempt that never answers, then retries", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res, i) => {
        if (i > 1) json(res, 200, { data: [] })
      })
      const http = yield* make(server.url)
      yield* http.get(Body, "/x")
      expect(server.seen.length).toBe(2)
    }))

  it.effect("a connection reset mid-body is transient", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res, i) => {
        if (i > 1) return json(res, 200, { data: [] })
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.write('{"data":[{"id":')
        setTimeout(() => res.socket?.destroy(), 10)
      })
      const http = yield* make(server.url)
      yield* http.get(Body, "/x")
      expect(server.seen.length).toBe(2)
    }))

  it.effect("401 → AuthenticationError naming the variable, never the key", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 401, { error: { message: `bad key ${KEY.slice(0, 4)}` } }))
      const http = yield* make(server.url)
      const error = yield* Effect.flip(http.get(Body, "/x"))
      expect(error._tag).toBe("AuthenticationError")
      expect(error.message).toContain("PORTKEY_API_KEY")
      expect(server.seen.length).toBe(1)
      for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? ""]) {
        expect(text).not.toContain(KEY)
      }
    }))

  it.effect("400 → InvalidRequestError with the provider's own message", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 400, { error: { message: "limit must be at most 100" } }))
      const http = yield* make(server.url, { errorMessage: (body) => (body as any)?.error?.message })
      const error = yield* Effect.flip(http.get(Body, "/x", { limit: 1000 }))
      expect(error._tag).toBe("InvalidRequestError")
      expect(error.message).toBe("Portkey rejected GET /x?limit=1000 (HTTP 400): limit must be at most 100")
    }))

  it.effect("a body off the schema → InvalidResponseError naming the request and field path", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [{ id: "a", n: 1 }, { id: 7, n: 2 }] }))
      const http = yield* make(server.url)
      const error = yield* Effect.flip(http.get(Body, "/x"))
      expect(error._tag).toBe("InvalidResponseError")
      if (error._tag !== "InvalidResponseError") return
      expect(error.path).toBe("data[1].id")
      expect(error.request).toBe("GET /x")
      expect(error.message).toContain("data[1].id")
    }))

  it.effect("getJson gives the body parsed, not decoded; decode then gives what get gives, or fails as it fails", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const bodies = [{ data: [{ id: "a", n: 1 }] }, { data: [{ id: "a", n: 1 }, { id: 7, n: 2 }] }]
      let served = 0
      server.handle((_req, res) => json(res, 200, bodies[Math.floor(served++ / 2)]))
      const http = yield* make(server.url)
      // Each body is served twice: to get, then to getJson.
      const got = yield* http.get(Body, "/x", { q: 1 })
      const raw = yield* http.getJson("/x", { q: 1 })
      expect(raw.body).toStrictEqual(bodies[0])
      expect(raw.request).toBe("GET /x?q=1")
      expect(yield* http.decode(Body, raw)).toStrictEqual({ ...raw, body: got.body })
      const refused = yield* Effect.flip(http.get(Body, "/x"))
      const rawOff = yield* http.getJson("/x")
      expect(rawOff.body).toStrictEqual(bodies[1])
      expect(yield* Effect.flip(http.decode(Body, rawOff))).toStrictEqual(refused)
    }))

  it.effect("decode decodes nothing until it runs: a page built to decode later is not decoded before the next request", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [{ id: "a", n: 1 }, { id: "b", n: 2 }] }))
      let checked = 0
      const Counted = Schema.Struct({
        data: Schema.Array(Schema.Struct({ id: Schema.String, n: Schema.Number.pipe(Schema.filter(() => ++checked > 0)) }))
      })
      const http = yield* make(server.url)
      const decoding = http.decode(Counted, yield* http.getJson("/x"))
      expect(checked).toBe(0)
      expect((yield* decoding).body.data.map((item) => item.n)).toStrictEqual([1, 2])
      expect(checked).toBe(2)
    }))

  it.effect("decode's error is scrubbed of the key, as get's", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [{ id: "a", n: `echo ${KEY}` }] }))
      const http = yield* make(server.url)
      const error = yield* Effect.flip(http.decode(Body, yield* http.getJson("/x")))
      expect(error._tag).toBe("InvalidResponseError")
      expect(error.path).toBe("data[0].n")
      expect(error.message).not.toContain(KEY)
      expect(JSON.stringify(error)).not.toContain(KEY)
    }))

  it.effect.each([
    ["invalid JSON", (res: any) => res.writeHead(200, { "content-type": "application/json" }).end("{nope"), "not valid JSON"],
    ["an HTML page with status 200", (res: any) => res.writeHead(200, { "content-type": "text/html" }).end("<html/>"), "content type"],
    ["204 with no body", (res: any) => res.writeHead(204).end(), "unexpected HTTP status 204"],
    ["a 302 elsewhere", (res: any) => res.writeHead(302, { location: "https://elsewhere.invalid/" }).end(), "does not follow redirects"]
  ] as const)("%s → InvalidResponseError", ([, respond, reason]) =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => respond(res))
      const http = yield* make(server.url)
      const error = yield* Effect.flip(http.get(Body, "/x"))
      expect(error._tag).toBe("InvalidResponseError")
      expect(error.message).toContain(reason)
      // getJson refuses it as get does, before any decoding.
      expect(yield* Effect.flip(http.getJson("/x"))).toStrictEqual(error)
    }))

  it.effect("resolveLink accepts relative and same-origin links and refuses other origins", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const http = yield* make(`${server.url}/openlayer/v1`)
      expect(yield* http.resolveLink("/openlayer/v1/w/invites?page=2", "GET /w")).toBe(
        `${server.url}/openlayer/v1/w/invites?page=2`
      )
      expect(yield* http.resolveLink(`${server.url}/openlayer/v1/w/invites?page=3`, "GET /w")).toBe(
        `${server.url}/openlayer/v1/w/invites?page=3`
      )
      const error = yield* Effect.flip(http.resolveLink("https://evil.invalid/steal", "GET /w"))
      expect(error.message).toContain("another origin")
    }))

  it.effect("the key never appears in a debug log or a logged request", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [] }))
      const lines: Array<string> = []
      const logger = Logger.make(({ message, annotations }) => {
        lines.push(JSON.stringify({ message, annotations: [...annotations] }))
      })
      const http = yield* make(server.url)
      yield* http.get(Body, "/x").pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.All)
      )
      expect(lines.join("\n")).toContain("GET /x")
      expect(lines.join("\n")).not.toContain(KEY)
    }))

  it.effect("the key never appears in a request logged by the HttpClient, nor in its span attributes", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      server.handle((_req, res) => json(res, 200, { data: [] }))
      const lines: Array<string> = []
      const logger = Logger.make(({ message }) => {
        lines.push(JSON.stringify(message))
      })
      const attributes: Array<string> = []
      const tracer = Tracer.make({
        span: (name, parent, context, links, startTime, kind) => {
          const spanAttributes = new Map<string, unknown>()
          const span: Tracer.Span = {
            _tag: "Span",
            name,
            spanId: `span-${attributes.length}`,
            traceId: "trace",
            parent,
            context,
            links,
            sampled: true,
            kind,
            status: { _tag: "Started", startTime },
            attributes: spanAttributes,
            attribute: (key, value) => {
              attributes.push(`${key}=${String(value)}`)
              spanAttributes.set(key, value)
            },
            event: () => {},
            addLinks: () => {},
            end: () => {}
          }
          return span
        },
        context: (f) => f()
      })
      // A user's HttpClient that logs every request it sends.
      const loggingClient = Layer.effect(
        HttpClient.HttpClient,
        Effect.map(HttpClient.HttpClient, HttpClient.tapRequest((request) => Effect.log(request)))
      ).pipe(Layer.provide(NodeHttpClient.layerUndici))
      yield* Effect.gen(function*() {
        const http = yield* make(server.url)
        yield* http.get(Body, "/x")
      }).pipe(
        Effect.provide(loggingClient),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Effect.withTracer(tracer)
      )
      expect(lines.join("\n")).toContain("@effect/platform/HttpClientRequest")
      // The span records every request header: the auth header is there, its value redacted.
      expect(attributes).toContain("http.request.header.x-portkey-api-key=<redacted>")
      expect(lines.join("\n")).not.toContain(KEY)
      expect(attributes.join("\n")).not.toContain(KEY)
      expect(server.seen[0]!.headers["x-portkey-api-key"]).toBe(KEY)
    }))
})

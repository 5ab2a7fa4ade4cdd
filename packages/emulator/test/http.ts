/**
 * A raw HTTP client for the tests: node:http on a fresh connection per request, so a reset, a truncated
 * body or a hang is observed exactly as a client sees it (no retries, no body parsing, no pooling).
 */
import * as Effect from "effect/Effect"
import { request as httpRequest, type IncomingHttpHeaders } from "node:http"

export interface Response {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
  readonly text: string
  /** The socket/stream error that cut the body short, if any (`ECONNRESET`, `aborted`, …). */
  readonly error: NodeJS.ErrnoException | undefined
  readonly json: () => any
}

export interface Options {
  readonly method?: string
  readonly headers?: Record<string, string>
  readonly body?: string
  /** Give up (and destroy the socket) when no complete response arrived in time. */
  readonly timeoutMs?: number
  /** Give up (and destroy the socket) when this signal aborts: when the test decides, not a timer. */
  readonly signal?: AbortSignal
}

/** Resolves with the response (even a cut-short one); rejects only when no response head arrived. */
export const fetchRaw = (url: string, options: Options = {}): Promise<Response> =>
  new Promise((resolve, reject) => {
    // Set once the response head arrived: from then on every error only cuts the body short.
    let bodyFailed: ((error: NodeJS.ErrnoException) => void) | undefined
    const req = httpRequest(url, {
      method: options.method ?? "GET",
      headers: options.headers,
      agent: false,
      ...(options.signal === undefined ? {} : { signal: options.signal })
    }, (res) => {
      const chunks: Array<Buffer> = []
      let settled = false
      const done = (error: NodeJS.ErrnoException | undefined) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        const body = Buffer.concat(chunks)
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: body.toString("utf8"),
          error,
          json: () => JSON.parse(body.toString("utf8"))
        })
      }
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () => done(res.complete ? undefined : Object.assign(new Error("incomplete body"), { code: "INCOMPLETE" })))
      res.on("error", (error) => done(error))
      res.on("aborted", () => done(Object.assign(new Error("aborted"), { code: "ECONNRESET" })))
      bodyFailed = done
    })
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      req.destroy(Object.assign(new Error("client timeout"), { code: "TIMEOUT" }))
    }, options.timeoutMs)
    // Node 24 also emits a reset mid-body on the request (`read ECONNRESET`), before the response's own
    // `aborted`: after the head it belongs to the response, so it must not turn into a rejection.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (bodyFailed !== undefined) return bodyFailed(error)
      clearTimeout(timer)
      reject(error)
    })
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })

/** {@link fetchRaw} as an Effect (a rejection is a defect: the tests that expect one use `fetchRaw` directly). */
export const get = (url: string, options: Options = {}) => Effect.promise(() => fetchRaw(url, options))

/** The error a request fails with before any response head arrived. */
export const failure = (url: string, options: Options = {}) =>
  Effect.promise(() =>
    fetchRaw(url, options).then(
      (res) => {
        throw new Error(`expected no response, got ${res.status}`)
      },
      (error: NodeJS.ErrnoException) => error
    )
  )

/**
 * Evaluates `check` until `done` holds of its value, then returns that value; after `withinMs` (generous: a
 * loaded machine is slow, and a passing test does not wait for it) returns the last value, for the caller's
 * assertion to fail on. For state another party changes (a server seeing a request or a close), instead of a
 * fixed sleep that races it.
 */
export const eventually = <A>(check: Effect.Effect<A>, done: (value: A) => boolean, withinMs = 10_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + withinMs
    for (;;) {
      const value = yield* check
      if (done(value) || Date.now() > deadline) return value
      yield* Effect.sleep("5 millis")
    }
  })

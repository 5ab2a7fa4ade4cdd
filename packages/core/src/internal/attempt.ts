/**
 * One HTTP attempt: the request and its whole body within the timeout, with the body cap, no redirects, and
 * every failure described in a few words for the retry schedule and the final error.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as Headers from "@effect/platform/Headers"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as Retry from "../Retry.js"
import { timeoutFail } from "./timeout.js"

/** A complete answer: status, headers and the body as text. */
export interface RawReply {
  readonly status: number
  readonly headers: Headers.Headers
  readonly body: string
  readonly url: string
}

/** A failed attempt, as the retry schedule sees it. */
export interface AttemptFailure extends Retry.Failure {
  readonly description: string
  /**
   * Where the attempt stopped: `before-response` (nothing came back: refused, reset or closed before a status
   * line), `after-response` (a status came back, the body did not), `status` (a whole answer with a transient
   * status), `timeout` (the request may have reached the server), `too-large`. A DELETE is retried only where
   * the server cannot have acted on it, or asked to be asked again.
   */
  readonly stage?: "before-response" | "after-response" | "status" | "timeout" | "too-large" | undefined
  readonly status?: number | undefined
}

/** Statuses worth another attempt: timeouts, conflicts, rate limits and server errors. */
export const isTransientStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500

/** One attempt: the request and its whole body, within the timeout. Transport failures are transient. */
export const send = (
  client: HttpClient.HttpClient,
  url: string,
  timeout: Duration.Duration,
  maxBodyBytes: number,
  method: "GET" | "DELETE" = "GET"
): Effect.Effect<RawReply, AttemptFailure> =>
  client.execute(HttpClientRequest.make(method)(url)).pipe(
    Effect.flatMap((response) =>
      readBody(response, maxBodyBytes).pipe(
        // A response without a body (a 204) is a whole answer, not a broken connection: retried, it would end
        // as "unavailable" after every attempt got the same answer, instead of naming the status.
        Effect.catchIf(
          (error) => error._tag === "ResponseError" && error.reason === "EmptyBody",
          () => Effect.succeed("")
        ),
        Effect.map((body): RawReply => ({ status: response.status, headers: response.headers, body, url }))
      )
    ),
    Effect.scoped,
    Effect.mapError((error): AttemptFailure =>
      error._tag === "BodyTooLarge"
        ? { retryable: false, stage: "too-large", description: `the body is larger than ${maxBodyBytes} bytes` }
        : {
          retryable: true,
          stage: error._tag === "RequestError" ? "before-response" : "after-response",
          status: error._tag === "ResponseError" ? error.response.status : undefined,
          description: transportDescription(error)
        }
    ),
    (attempt) =>
      timeoutFail(attempt, timeout, (): AttemptFailure => ({
        retryable: true,
        stage: "timeout",
        description: `no complete response within ${Duration.format(timeout)}`
      })),
    // Redirects are not followed: a Location elsewhere would carry the key to a host the user never named.
    Effect.provideService(FetchHttpClient.RequestInit, { redirect: "manual" })
  )

class BodyTooLarge {
  readonly _tag = "BodyTooLarge"
}

/**
 * The whole body as text, refusing one larger than `maxBytes`. A declared length is checked up front and the
 * body read in one go (the common, fast case); a body without one is streamed and counted as it arrives.
 */
const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<string, HttpClientError.ResponseError | BodyTooLarge> => {
  const declared = Number(response.headers["content-length"])
  if (Number.isFinite(declared)) {
    return declared > maxBytes ? Effect.fail(new BodyTooLarge()) : response.text
  }
  return Effect.suspend(() => {
    const decoder = new TextDecoder()
    let size = 0
    let text = ""
    return Stream.runForEach(response.stream, (chunk) => {
      size += chunk.byteLength
      if (size > maxBytes) return Effect.fail(new BodyTooLarge())
      text += decoder.decode(chunk, { stream: true })
      return Effect.void
    }).pipe(Effect.map(() => text + decoder.decode()))
  })
}

/**
 * What went wrong on the wire, in a few words: the innermost cause's message and code (`getaddrinfo ENOTFOUND
 * api.example.invalid`, `connect ECONNREFUSED 127.0.0.1:9`, `other side closed`) rather than the platform's
 * "Transport error (GET url)" or fetch's bare "fetch failed", which say the same for a typo and an outage.
 */
export const transportDescription = (error: { readonly message?: string; readonly cause?: unknown }): string => {
  const cause = innermost(error.cause)
  const detail = (cause?.message || error.message || "").split("\n")[0]!.trim()
  const code = cause !== undefined && "code" in cause && typeof cause.code === "string" ? cause.code : undefined
  const text = detail === "" ? "transport error" : `transport error: ${detail}`
  return (code !== undefined && !text.includes(code) ? `${text} (${code})` : text).slice(0, 300)
}

/** The deepest `Error` in a chain of causes (fetch wraps the socket's error in a TypeError "fetch failed"). */
const innermost = (value: unknown): Error | undefined => {
  let found: Error | undefined
  let current = value
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    found = current
    current = current.cause
  }
  // An AggregateError (a dual-stack connect) holds the per-address errors: the first names the reason.
  if (found instanceof AggregateError && found.errors[0] instanceof Error) return innermost(found.errors[0])
  return found
}

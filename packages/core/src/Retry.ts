/**
 * The retry policy every provider request follows: the one Stainless-style SDKs made everyone trust.
 * Honour `retry-after-ms`, then `Retry-After` (seconds or an HTTP date), else back off exponentially with
 * jitter; refuse a server that asks for a longer wait than the cap; give up after `maxRetries`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"

/**
 * What the schedule needs to know about a failed attempt.
 *
 * @since 0.1.0
 */
export interface Failure {
  /** Whether this kind of failure may succeed when tried again (429, 5xx, transport errors, timeouts). */
  readonly retryable: boolean
  /** The response headers, when there was a response: `retry-after-ms`, `retry-after`, `x-should-retry`. */
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined
}

/**
 * @since 0.1.0
 */
export interface Options {
  /** Retries after the first attempt. */
  readonly maxRetries: number
  /** The first back-off delay; it doubles on each retry. */
  readonly initialDelay: Duration.DurationInput
  /** The longest back-off delay. */
  readonly maxDelay: Duration.DurationInput
  /** The longest wait a server may ask for with Retry-After; past it the request fails instead. */
  readonly maxRetryAfter: Duration.DurationInput
}

/**
 * 5 retries, 0.5 s × 2ⁿ up to 8 s, and at most 60 s when a server asks.
 *
 * @since 0.1.0
 */
export const defaults: Options = {
  maxRetries: 5,
  initialDelay: Duration.millis(500),
  maxDelay: Duration.seconds(8),
  maxRetryAfter: Duration.seconds(60)
}

/**
 * The delay a server asked for, from `retry-after-ms` or else `Retry-After` (seconds or an HTTP date).
 * A value that is neither is ignored, as if absent.
 *
 * @since 0.1.0
 */
export const serverDelay = (
  headers: Readonly<Record<string, string | undefined>>,
  now: number
): Option.Option<Duration.Duration> => {
  const millis = parseNonNegative(headers["retry-after-ms"])
  if (millis !== undefined) return Option.some(Duration.millis(millis))
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return Option.none()
  const seconds = parseNonNegative(value)
  if (seconds !== undefined) return Option.some(Duration.millis(seconds * 1000))
  // Only an HTTP date (it names a weekday or month) is read as one: Date.parse takes "-1" for a year.
  const at = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(at) ? Option.none() : Option.some(Duration.millis(Math.max(0, at - now)))
}

/**
 * The back-off before retry number `retry` (0 for the first), with `random` in [0, 1) taking up to 25% off.
 *
 * @since 0.1.0
 */
export const backoff = (options: Options, retry: number, random: number): Duration.Duration => {
  const base = Math.min(
    Duration.toMillis(options.initialDelay) * Math.pow(2, retry),
    Duration.toMillis(options.maxDelay)
  )
  return Duration.millis(base * (1 - 0.25 * random))
}

/**
 * Whether to try again after this failure: the server may say so with `x-should-retry`, else it depends on the failure.
 *
 * @since 0.1.0
 */
export const isRetryable = (failure: Failure): boolean => {
  const should = failure.headers?.["x-should-retry"]
  if (should === "true") return true
  if (should === "false") return false
  return failure.retryable
}

/**
 * The retry schedule for an effect failing with `E`. Its output is the number of retries so far.
 *
 * @since 0.1.0
 */
export const schedule = <E extends Failure>(options: Partial<Options> = {}): Schedule.Schedule<number, E> => {
  const resolved: Options = { ...defaults, ...options }
  const cap = Duration.decode(resolved.maxRetryAfter)
  return Schedule.recurs(resolved.maxRetries).pipe(
    Schedule.intersect(Schedule.identity<E>()),
    Schedule.whileInputEffect((failure: E) =>
      Effect.map(Clock.currentTimeMillis, (now) =>
        isRetryable(failure) &&
        Option.match(serverDelay(failure.headers ?? {}, now), {
          onNone: () => true,
          onSome: (asked) => Duration.lessThanOrEqualTo(asked, cap)
        }))
    ),
    Schedule.addDelayEffect(([retry, failure]) =>
      Effect.gen(function*() {
        const asked = serverDelay(failure.headers ?? {}, yield* Clock.currentTimeMillis)
        return Option.isSome(asked) ? asked.value : backoff(resolved, retry, yield* Random.next)
      })
    ),
    Schedule.map(([retry]) => retry + 1)
  )
}

const parseNonNegative = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return undefined
  return Number(trimmed)
}
